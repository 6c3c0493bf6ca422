import type { RuntimeContext } from "@/generated/prisma-sqlite/client";
import { badInput } from "@/domain/errors";
import { type TenantObjectInput, childOf, defineKind } from "../tenant-object-kind";

export interface RuntimeContextInput extends TenantObjectInput {
  key: string;
  value: string;
}

/** Compass's limits (pkg/graphql/runtime_context_validation.go, and the table's VARCHAR(512)). */
const MAX_LENGTH = 512;
const KEY_PATTERN = /^[a-zA-Z0-9_]+$/;

function validKey(key: string): string {
  if (key.length === 0) throw badInput("in.key", "key=cannot be blank");
  if (key.length > MAX_LENGTH) throw badInput("in.key", `key=the length must be no more than ${MAX_LENGTH}`);
  if (!KEY_PATTERN.test(key)) throw badInput("in.key", "key=must be in a valid format (letters, digits and underscores)");
  return key;
}

function validValue(value: string): string {
  // Counted in characters as PostgreSQL's VARCHAR(512) counts them, not UTF-16 units.
  if ([...value].length > MAX_LENGTH) throw badInput("in.value", `value=the length must be no more than ${MAX_LENGTH}`);
  return value;
}

/**
 * Runtime contexts: a key and a value under a runtime (for Compass, a
 * subscription of a tenant to the runtime). Nameless and not unique, as in
 * Compass; whoever may change the runtime may change its contexts, and they go
 * with it.
 */
export const RUNTIME_CONTEXT = defineKind<RuntimeContext, RuntimeContextInput, { key: string; value: string }>({
  type: "RUNTIME_CONTEXT",
  table: "RuntimeContext",
  // Compass sets no bound; one keeps a runtime's own token from filling the table (decision 0022).
  ...childOf("RUNTIME", 10_000),
  title: (row) => `${row.key}=${row.value}`,
  validate: (input) => ({ key: validKey(input.key), value: validValue(input.value) }),
  auditFields: (row) => ({ key: row.key, value: row.value, runtimeId: row.runtimeId }),
});
