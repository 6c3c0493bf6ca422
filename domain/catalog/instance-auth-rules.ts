import type { Tx } from "@/lib/db";
import { badInput } from "@/domain/errors";
import { schemaProblem } from "@/domain/labels/label-rules";
import { openAuth, sealAuth } from "@/domain/webhooks/webhook-auth";
import type { StoredAuth } from "@/domain/webhooks/webhook-rules";

/**
 * Compass's rules for bundle instance auths (internal/model/bundle_instance_auth.go,
 * internal/domain/bundleinstanceauth/service.go): the statuses with their
 * reasons and messages, the input parameters checked against the bundle's
 * schema, and the credentials sealed under the row's id.
 */

export type InstanceAuthCondition = "PENDING" | "SUCCEEDED" | "FAILED" | "UNUSED";

/** The reason and message Compass's SetDefaultStatus gives each condition it sets itself. */
const DEFAULT_STATUS: Record<Exclude<InstanceAuthCondition, "FAILED">, { reason: string; message: string }> = {
  SUCCEEDED: { reason: "CredentialsProvided", message: "Credentials were provided." },
  PENDING: { reason: "CredentialsNotProvided", message: "Credentials were not yet provided." },
  UNUSED: {
    reason: "PendingDeletion",
    message: "Credentials for given Bundle Instance Auth are ready for being deleted by Application or Integration System.",
  },
};

/** The status columns of a condition Compass sets itself, or of one the caller gives with its own reason and message. */
export function statusColumns(condition: InstanceAuthCondition, given?: { reason: string; message: string }) {
  const { reason, message } = given ?? DEFAULT_STATUS[condition as keyof typeof DEFAULT_STATUS];
  return { statusCondition: condition, statusReason: reason, statusMessage: message, statusTimestamp: new Date() };
}

/**
 * Compass's validateInputParamsAgainstSchema: with a schema on the bundle, the
 * parameters are required and must match it (the label definitions' JSON
 * Schema engine, whose patterns run in linear time: domain/labels/label-rules.ts).
 */
export function requireInputParamsMatch(schema: string | null, inputParams: string | null, field: string): void {
  if (schema === null) return;
  if (inputParams === null) throw badInput(field, "json schema for input parameters was defined for the bundle but no input parameters were provided");
  const problem = schemaProblem(schema, JSON.parse(inputParams));
  if (problem) throw badInput(field, `The input parameters do not match the bundle's instanceAuthRequestInputSchema: ${problem}`);
}

const sealId = (id: string) => `bundle-instance-auth:${id}`;
export const sealInstanceAuth = (id: string, auth: StoredAuth | null) => (auth ? sealAuth(sealId(id), auth) : null);
export const openInstanceAuth = (row: { id: string; authSealed: string | null }) => (row.authSealed ? openAuth(sealId(row.id), row.authSealed) : null);

export interface InstanceAuthStatusInput {
  condition?: string | null;
  message: string;
  reason: string;
}

/**
 * Compass's BundleInstanceAuthSetInput: without credentials a status is
 * required; with them, the status may only say SUCCEEDED; FAILED takes no
 * credentials and needs its message and reason. Answers the status to write.
 */
export function validSetStatus(hasAuth: boolean, status: InstanceAuthStatusInput | null | undefined) {
  if (!status) {
    if (!hasAuth) throw badInput("in.status", "Status is required when no auth is provided");
    return statusColumns("SUCCEEDED");
  }
  const condition = status.condition ?? "SUCCEEDED";
  if (condition !== "SUCCEEDED" && condition !== "FAILED") throw badInput("in.status.condition", "must be SUCCEEDED or FAILED");
  if (hasAuth && condition !== "SUCCEEDED") throw badInput("in.status.condition", "must be SUCCEEDED when auth is provided");
  if (condition === "FAILED") {
    if (!status.message.trim()) throw badInput("in.status.message", "cannot be blank when the condition is FAILED");
    if (!status.reason.trim()) throw badInput("in.status.reason", "cannot be blank when the condition is FAILED");
  }
  if (status.message.length > 2000 || status.reason.length > 256) throw badInput("in.status", "message at most 2000 characters, reason at most 256");
  return statusColumns(condition, { reason: status.reason, message: status.message });
}

/** When a runtime is unregistered (Compass): its instance auths stay, UNUSED and for no runtime, for the application side to delete. */
export async function releaseInstanceAuthsOf(tx: Tx, runtimeIds: readonly string[]): Promise<void> {
  if (runtimeIds.length === 0) return;
  await tx.bundleInstanceAuth.updateMany({ where: { runtimeId: { in: [...runtimeIds] } }, data: { runtimeId: null, ...statusColumns("UNUSED") } });
}
