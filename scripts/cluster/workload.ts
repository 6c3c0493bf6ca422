/**
 * The load generator of test:load and test:faults: concurrent clients doing
 * a mix of token requests, reads and the admin's writes over the instances,
 * recording acknowledged writes in a Ledger, and the figures of a run.
 */
import { randomBytes } from "node:crypto";
import { fixed, percentile, sleep, table } from "./checks";
import {
  CREATE_SYSTEM,
  type Credential,
  DELETE_CREDENTIALS,
  DELETE_SYSTEM,
  GENERATE_CREDENTIALS,
  READ_SYSTEMS,
  graphql,
  systemWithCredential,
  tokenRequest,
} from "./client";
import type { Instance } from "./instances";
import { type Ledger, auditKey } from "./ledger";

export type Operation = "token" | "read" | "create" | "generate" | "deleteCredential" | "deleteSystem";
const OPERATIONS: Operation[] = ["token", "read", "create", "generate", "deleteCredential", "deleteSystem"];

/** Share of each operation in the mix (per cent): mostly tokens and reads, as integration systems do, plus the admin's writes. */
const DEFAULT_MIX: Record<Operation, number> = { token: 35, read: 40, create: 10, generate: 5, deleteCredential: 4, deleteSystem: 6 };

interface OperationStats {
  latencies: number[];
  s2xx: number;
  s4xx: number;
  s5xx: number;
  /** No HTTP answer at all: refused, reset, timed out. */
  errors: number;
  /** Slowest 5xx answer, in ms: a 503 must come fast, not after a hang. */
  slowest5xxMs: number;
  /** Each 5xx answer as "status code-or-error retry-after": what a client could act on. */
  fiveXxKinds: Map<string, number>;
  firstFailures: string[];
}

const emptyStats = (): OperationStats => ({ latencies: [], s2xx: 0, s4xx: 0, s5xx: 0, errors: 0, slowest5xxMs: 0, fiveXxKinds: new Map(), firstFailures: [] });

export interface WorkloadOptions {
  clients: number;
  durationMs: number;
  /** The instances to spread requests over, asked before every request (a test may drop a killed one). */
  targets: () => Instance[];
  apiToken: string;
  /** Credentials of integration systems for token requests. */
  credentials: Credential[];
  mix?: Record<Operation, number>;
  /** After a 5xx or no answer, wait this long before the next request (a polite client). */
  backoffMs?: number;
}

export interface WorkloadResult {
  seconds: number;
  byOperation: Map<Operation, OperationStats>;
  /** Per instance name: answers it gave (any status) and 5xx among them, and requests without an answer. */
  byInstance: Map<string, { answered: number; s5xx: number; errors: number; lastAnsweredAt: number }>;
}

let nameCounter = 0;

function safeJson(text: string): Record<string, unknown> | null {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * `clients` concurrent clients, each doing one request at a time for
 * `durationMs`: a random operation from the mix on a random target. Writes
 * touch only objects the same client created, so no two clients race for
 * one object and every 4xx is a real failure.
 */
export async function runWorkload(options: WorkloadOptions, ledger: Ledger): Promise<WorkloadResult> {
  const mix = options.mix ?? DEFAULT_MIX;
  const total = OPERATIONS.reduce((sum, op) => sum + mix[op], 0);
  const pick = (): Operation => {
    let roll = Math.random() * total;
    for (const op of OPERATIONS) if ((roll -= mix[op]) < 0) return op;
    return "read";
  };
  const byOperation = new Map(OPERATIONS.map((op) => [op, emptyStats()]));
  const byInstance = new Map<string, { answered: number; s5xx: number; errors: number; lastAnsweredAt: number }>();
  const started = performance.now();
  const deadline = started + options.durationMs;

  const client = async (n: number) => {
    const mySystems: string[] = [];
    const myCredentials: { clientId: string; systemId: string }[] = [];
    let accessToken: string | null = null;
    while (performance.now() < deadline) {
      const targets = options.targets();
      if (targets.length === 0) break;
      const target = targets[Math.floor(Math.random() * targets.length)];
      let op = pick();
      // Fall back to what makes sense in this client's state.
      if (op === "read" && !accessToken) op = "token";
      if ((op === "generate" || op === "deleteSystem") && mySystems.length === 0) op = "create";
      if (op === "deleteCredential" && myCredentials.length === 0) op = mySystems.length ? "generate" : "create";
      const stats = byOperation.get(op)!;
      const perInstance = byInstance.get(target.name) ?? { answered: 0, s5xx: 0, errors: 0, lastAnsweredAt: 0 };
      byInstance.set(target.name, perInstance);
      let status = 0;
      let ms = 0;
      let failure = "";
      let kind = "";
      const isMutation = op !== "token" && op !== "read";
      let name = "";
      let index = 0; // which of this client's systems or credentials a delete targets
      try {
        if (op === "token") {
          const reply = await tokenRequest(target.port, options.credentials[n % options.credentials.length]);
          ({ status, ms } = reply);
          if (reply.accessToken) accessToken = reply.accessToken;
          else failure = `${reply.problem}: ${reply.text.slice(0, 200)}`;
          if (status === 200 && reply.problem) status = 400; // a 200 without a proper token is still a failed request
          if (status >= 500) kind = `${status} ${safeJson(reply.text)?.error} retry-after=${reply.headers["retry-after"] ?? "none"}`;
        } else {
          let query: string;
          let variables: Record<string, unknown> | undefined;
          let token = options.apiToken;
          if (op === "read") {
            [query, token] = [READ_SYSTEMS, accessToken!];
          } else if (op === "create") {
            name = `Load ${process.pid} ${++nameCounter} ${randomBytes(3).toString("hex")}`;
            [query, variables] = [CREATE_SYSTEM, { in: { name } }];
          } else if (op === "generate") {
            [query, variables] = [GENERATE_CREDENTIALS, { id: mySystems[Math.floor(Math.random() * mySystems.length)] }];
          } else if (op === "deleteCredential") {
            index = Math.floor(Math.random() * myCredentials.length);
            [query, variables] = [DELETE_CREDENTIALS, { id: myCredentials[index].clientId }];
          } else {
            index = Math.floor(Math.random() * mySystems.length);
            [query, variables] = [DELETE_SYSTEM, { id: mySystems[index] }];
          }
          const reply = await graphql(target.port, token, query, variables);
          ({ status, ms } = reply);
          if (status >= 500) kind = `${status} ${reply.json?.errors?.[0]?.extensions?.code} retry-after=${reply.headers["retry-after"] ?? "none"}`;
          const data = reply.json?.data;
          if (status !== 200 || reply.json?.errors?.length || !data) {
            failure = reply.text.slice(0, 200);
            if (status === 200) status = 400; // a GraphQL error in a 200 answer is still a failed request
          } else if (op === "create") {
            const { id } = data.createIntegrationSystem;
            ledger.created.set(id, name);
            ledger.audit.push(auditKey("INTEGRATION_SYSTEM_CREATED", id));
            mySystems.push(id);
          } else if (op === "generate") {
            const systemId = variables!.id as string;
            const clientId = data.generateClientCredentialsForIntegrationSystem.id;
            ledger.generated.set(clientId, systemId);
            ledger.audit.push(auditKey("CLIENT_CREDENTIALS_GENERATED", systemId, clientId));
            myCredentials.push({ clientId, systemId });
          } else if (op === "deleteCredential") {
            const [{ clientId, systemId }] = myCredentials.splice(index, 1);
            ledger.deletedCredentials.add(clientId);
            ledger.audit.push(auditKey("CLIENT_CREDENTIALS_DELETED", systemId, clientId));
          } else if (op === "deleteSystem") {
            const [systemId] = mySystems.splice(index, 1);
            ledger.deletedSystems.add(systemId);
            ledger.audit.push(auditKey("INTEGRATION_SYSTEM_DELETED", systemId));
            for (let i = myCredentials.length - 1; i >= 0; i--) if (myCredentials[i].systemId === systemId) myCredentials.splice(i, 1);
          }
        }
      } catch (error) {
        failure = (error as Error).message;
      }
      if (status === 0) {
        stats.errors += 1;
        perInstance.errors += 1;
      } else {
        perInstance.answered += 1;
        perInstance.lastAnsweredAt = performance.now();
        stats.latencies.push(ms);
        if (status < 300) stats.s2xx += 1;
        else if (status < 500) stats.s4xx += 1;
        else {
          stats.s5xx += 1;
          perInstance.s5xx += 1;
          stats.slowest5xxMs = Math.max(stats.slowest5xxMs, ms);
          stats.fiveXxKinds.set(kind, (stats.fiveXxKinds.get(kind) ?? 0) + 1);
        }
      }
      if (failure) {
        if (stats.firstFailures.length < 3) stats.firstFailures.push(`${target.name} ${status || "no answer"}: ${failure}`);
        if (isMutation) {
          ledger.unacknowledged += 1;
          if (op === "create") ledger.unacknowledgedCreates.push(name);
          if (op === "deleteSystem") {
            const [systemId] = mySystems.splice(index, 1);
            ledger.maybeDeletedSystems.add(systemId);
            for (let i = myCredentials.length - 1; i >= 0; i--) if (myCredentials[i].systemId === systemId) myCredentials.splice(i, 1);
          }
          if (op === "deleteCredential") ledger.maybeDeletedCredentials.add(myCredentials.splice(index, 1)[0].clientId);
        }
        if ((status === 0 || status >= 500) && options.backoffMs) await sleep(options.backoffMs);
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, n) => client(n)));
  return { seconds: (performance.now() - started) / 1000, byOperation, byInstance };
}

/**
 * Integration systems with credentials for the clients' token requests,
 * created through `instances` in turn and recorded in the ledger like any
 * acknowledged write.
 */
export async function tokenClients(instances: Instance[], apiToken: string, ledger: Ledger, count: number, prefix: string): Promise<Credential[]> {
  const credentials: Credential[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${prefix} ${i}`;
    const { systemId, credential } = await systemWithCredential(instances[i % instances.length], apiToken, name);
    ledger.created.set(systemId, name);
    ledger.generated.set(credential.clientId, systemId);
    ledger.audit.push(auditKey("INTEGRATION_SYSTEM_CREATED", systemId), auditKey("CLIENT_CREDENTIALS_GENERATED", systemId, credential.clientId));
    credentials.push(credential);
  }
  return credentials;
}

/** The figures table of a workload: per operation req/s, p50, p99 and answers by class. */
export function workloadTable(result: WorkloadResult): string {
  const rows = [["operation", "requests", "req/s", "p50 ms", "p99 ms", "2xx", "4xx", "5xx", "no answer"]];
  const all = emptyStats();
  for (const [op, stats] of result.byOperation) {
    rows.push([
      op,
      String(stats.latencies.length + stats.errors),
      fixed(stats.latencies.length / result.seconds),
      fixed(percentile(stats.latencies, 50)),
      fixed(percentile(stats.latencies, 99)),
      String(stats.s2xx),
      String(stats.s4xx),
      String(stats.s5xx),
      String(stats.errors),
    ]);
    all.latencies.push(...stats.latencies);
    all.s2xx += stats.s2xx;
    all.s4xx += stats.s4xx;
    all.s5xx += stats.s5xx;
    all.errors += stats.errors;
  }
  rows.push([
    "all",
    String(all.latencies.length + all.errors),
    fixed(all.latencies.length / result.seconds),
    fixed(percentile(all.latencies, 50)),
    fixed(percentile(all.latencies, 99)),
    String(all.s2xx),
    String(all.s4xx),
    String(all.s5xx),
    String(all.errors),
  ]);
  return table(rows);
}

export function totals(result: WorkloadResult): { answered: number; s4xx: number; s5xx: number; errors: number } {
  const stats = [...result.byOperation.values()];
  const add = (pick: (s: OperationStats) => number) => stats.reduce((sum, s) => sum + pick(s), 0);
  return { answered: add((s) => s.latencies.length), s4xx: add((s) => s.s4xx), s5xx: add((s) => s.s5xx), errors: add((s) => s.errors) };
}

export function firstFailures(result: WorkloadResult): string {
  return [...result.byOperation]
    .flatMap(([op, stats]) => stats.firstFailures.map((failure) => `${op}: ${failure}`))
    .slice(0, 5)
    .join("\n  ");
}
