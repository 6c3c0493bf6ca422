import { lookup } from "node:dns/promises";
import { NO_WEBHOOK_EXCEPTIONS, RESOLVES_INSIDE, type WebhookHostPolicy, judgeHost, refusedAddress } from "@/lib/webhook-hosts";
import { badInput } from "@/domain/errors";

/**
 * Server-side request forgery: a webhook is a URL this server will call, so
 * one that reaches this machine, its private network or a cloud's metadata
 * service is refused when it is stored, unless the operator allows its host
 * (WEBHOOK_ALLOWED_HOSTS). The URL parser has already turned decimal, octal,
 * hex and short IPv4 forms into dotted quads (`2130706433`, `0x7f.1` and
 * `127.1` are 127.0.0.1) and lower-cased names; IPv6 forms that carry an IPv4
 * address are judged by it; `localhost.` is `localhost`. A name is resolved
 * and refused if any address is not public. A name that does not resolve now
 * is accepted: nothing is called yet, and the call, a later step, must check
 * the address it connects to (DNS answers change; decision 0023).
 */

/** How a host name is resolved; tests pass their own. */
export type Resolver = (hostname: string) => Promise<string[]>;

const RESOLVE_TIMEOUT_MS = 2_000;

const systemResolver: Resolver = async (hostname) => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), RESOLVE_TIMEOUT_MS);
  });
  try {
    const answers = await Promise.race([lookup(hostname, { all: true, verbatim: true }), timeout]);
    return answers.map((answer) => answer.address);
  } finally {
    clearTimeout(timer);
  }
};

export interface TargetPolicy {
  allowed: WebhookHostPolicy;
  resolve: Resolver;
}

/** The operator's exceptions (WEBHOOK_ALLOWED_HOSTS, from the edge) with the system's resolver. */
export const targetPolicy = (allowed: WebhookHostPolicy): TargetPolicy => ({ allowed, resolve: systemResolver });

/** The strict default: no exceptions. Callers at the edge pass WEBHOOK_ALLOWED_HOSTS through targetPolicy. */
export const STRICT_TARGETS: TargetPolicy = targetPolicy(NO_WEBHOOK_EXCEPTIONS);

const refuse = (field: string, host: string, why: string) =>
  badInput(
    field,
    `The host "${host}" ${why}: a webhook there would let callers reach this server's own network (server-side request forgery). An operator may allow it with WEBHOOK_ALLOWED_HOSTS`,
  );

/** Refuses `url` (BAD_USER_INPUT on `field`) when its host is not public and the operator does not allow it. */
export async function requirePublicTarget(url: string, field: string, policy: TargetPolicy): Promise<void> {
  const hostname = new URL(url).hostname;
  const judged = judgeHost(policy.allowed, hostname);
  if (judged.verdict === "refused") throw refuse(field, hostname, judged.why);
  if (judged.verdict === "allowed") return;
  let addresses: string[];
  try {
    addresses = await policy.resolve(judged.name);
  } catch {
    return;
  }
  if (refusedAddress(policy.allowed, addresses) !== undefined) throw refuse(field, hostname, RESOLVES_INSIDE);
}

/** Checks every target of a valid webhook (its url, a template's host, auth's token and CSRF endpoints). */
export async function requirePublicTargets(targets: readonly { field: string; url: string }[], policy: TargetPolicy): Promise<void> {
  for (const target of targets) await requirePublicTarget(target.url, target.field, policy);
}
