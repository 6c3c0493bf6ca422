/**
 * `npm run test:load` (not part of `npm test`): two production instances on
 * one PostgreSQL database, 200 concurrent clients for 60 s mixing token
 * requests, GraphQL reads (with those tokens) and GraphQL writes (an admin's
 * API token: create and delete integration systems, generate and delete
 * credentials), each request to either instance.
 *
 * Prints req/s, p50 and p99 and the answers by class per operation. Fails on
 * any 5xx, 4xx or request without an answer; afterwards checks the database
 * against what the clients were told (scripts/cluster/,
 * verifyLedger): acknowledged creates exist, acknowledged deletes are gone,
 * exactly one audit event per acknowledged mutation.
 *
 * Memory: the RSS of each instance's server process after each run. With
 * `--runs 3` the same instances take three runs in a row, and the check fails
 * if an instance's RSS after run 3 is more than 10% above its RSS after run 1.
 *
 * Options: --runs N (default 1), --seconds S (default 60), --clients C (default 200).
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { runBench } from "./bench-support";
import { check, fixed, say, sleep, summary, table } from "./cluster/checks";
import { sharedPostgresDatabase } from "./cluster/databases";
import { rssMiB, startInstance } from "./cluster/instances";
import { adminApiToken } from "./cluster/client";
import { Ledger, verifyLedgerOnPostgres } from "./cluster/ledger";
import { firstFailures, runWorkload, tokenClients, totals, workloadTable } from "./cluster/workload";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "1" }, seconds: { type: "string", default: "60" }, clients: { type: "string", default: "200" } },
});
const RUNS = Number(values.runs);
const SECONDS = Number(values.seconds);
const CLIENTS = Number(values.clients);
const TOKEN_CLIENTS = 20;
const MAX_RSS_GROWTH = 0.1;

async function main(): Promise<boolean> {
  if (![RUNS, SECONDS, CLIENTS].every((n) => Number.isInteger(n) && n > 0)) throw new Error("--runs, --seconds and --clients take positive integers");
  const databaseUrl = await sharedPostgresDatabase("compass_load");
  const env = { DATABASE_URL: databaseUrl, SECRET_KEY: randomBytes(32).toString("hex") };
  const instances = await Promise.all([startInstance("A", env), startInstance("B", env)]);
  const apiToken = await adminApiToken(instances[0]);
  const ledger = new Ledger();
  const credentials = await tokenClients(instances, apiToken, ledger, TOKEN_CLIENTS, "Load client");
  const rss: number[][] = instances.map(() => []);
  let ok = true;
  for (let run = 1; run <= RUNS; run++) {
    say(`run ${run} of ${RUNS}: ${CLIENTS} clients for ${SECONDS} s on A (${instances[0].url}) and B (${instances[1].url})`);
    const result = await runWorkload({ clients: CLIENTS, durationMs: SECONDS * 1000, targets: () => instances, apiToken, credentials }, ledger);
    process.stdout.write(`\nrun ${run}: ${fixed(result.seconds)} s, ${CLIENTS} clients, 2 instances\n${workloadTable(result)}\n\n`);
    const sums = totals(result);
    const failures = firstFailures(result);
    ok = check(`run ${run}: no 5xx`, sums.s5xx === 0, `${sums.s5xx} of ${sums.answered}`) && ok;
    ok =
      check(
        `run ${run}: no 4xx and no request without an answer (every request was valid)`,
        sums.s4xx === 0 && sums.errors === 0,
        `${sums.s4xx} 4xx, ${sums.errors} without an answer${failures ? `; first: ${failures}` : ""}`,
      ) && ok;
    for (const [name, figures] of result.byInstance) say(`instance ${name} answered ${figures.answered} requests`);
    ok = (await verifyLedgerOnPostgres(`after run ${run}`, ledger, databaseUrl)) && ok;
    // A moment for timers and sockets of the run to settle before reading memory.
    await sleep(3_000);
    for (const [i, instance] of instances.entries()) rss[i].push(rssMiB(instance.child.pid!) ?? Number.NaN);
  }
  process.stdout.write(
    `\n${table([
      ["instance", ...Array.from({ length: RUNS }, (_, i) => `RSS after run ${i + 1} (MiB)`), ...(RUNS >= 3 ? ["growth run 1 to 3"] : [])],
      ...instances.map((instance, i) => [
        instance.name,
        ...rss[i].map((value) => fixed(value)),
        ...(RUNS >= 3 ? [`${fixed(((rss[i][2] - rss[i][0]) / rss[i][0]) * 100)}%`] : []),
      ]),
    ])}\n\n`,
  );
  if (RUNS >= 3) {
    instances.forEach((instance, i) => {
      const growth = (rss[i][2] - rss[i][0]) / rss[i][0];
      ok =
        check(
          `instance ${instance.name}: RSS grows at most ${MAX_RSS_GROWTH * 100}% from run 1 to run 3`,
          growth <= MAX_RSS_GROWTH,
          `${fixed(rss[i][0])} → ${fixed(rss[i][2])} MiB (${fixed(growth * 100)}%)`,
        ) && ok;
    });
  }
  return summary() && ok;
}

await runBench(main);
