import assert from "node:assert/strict";
import { test } from "node:test";
import { NO_WEBHOOK_EXCEPTIONS, parseWebhookAllowedHosts } from "@/lib/webhook-hosts";
import type { DomainError } from "@/domain/errors";
import { type Resolver, requirePublicTarget } from "./webhook-url";

/** A resolver answering from a table; unknown names fail as an unreachable DNS does. */
const resolverOf =
  (table: Record<string, string[]>): Resolver =>
  async (name) => {
    if (!(name in table)) throw new Error("ENOTFOUND");
    return table[name];
  };

const dns = resolverOf({
  "inside.example.com": ["10.0.0.5"],
  "mixed.example.com": ["93.184.216.34", "127.0.0.1"],
  "mapped.example.com": ["::ffff:169.254.169.254"],
  "public.example.com": ["93.184.216.34", "2606:4700::1111"],
  "hooks.corp.example": ["10.20.0.9"],
  "ranged.example.com": ["10.20.3.3"],
});

const refusedOn = async (url: string, allowed = NO_WEBHOOK_EXCEPTIONS) => {
  await assert.rejects(requirePublicTarget(url, "in.url", { allowed, resolve: dns }), (error: DomainError) => {
    assert.equal(error.code, "BAD_USER_INPUT");
    assert.equal(error.field, "in.url");
    return true;
  });
};

test("a name that resolves to any non-public address is refused; one that resolves only to public ones is accepted", async () => {
  await refusedOn("https://inside.example.com/x");
  await refusedOn("https://mixed.example.com/x");
  await refusedOn("https://mapped.example.com/x");
  await requirePublicTarget("https://public.example.com/x", "in.url", { allowed: NO_WEBHOOK_EXCEPTIONS, resolve: dns });
});

test("a name that does not resolve now is accepted: the later call checks what it connects to", async () => {
  await requirePublicTarget("https://unknown.example.net/x", "in.url", { allowed: NO_WEBHOOK_EXCEPTIONS, resolve: dns });
});

test("the operator's exceptions: an allowed name skips resolution, an allowed range admits what resolves into it", async () => {
  const allowed = parseWebhookAllowedHosts("hooks.corp.example, 10.20.0.0/16");
  await requirePublicTarget("https://hooks.corp.example/x", "in.url", { allowed, resolve: dns });
  await requirePublicTarget("https://ranged.example.com/x", "in.url", { allowed, resolve: dns });
  await refusedOn("https://inside.example.com/x", allowed);
});
