import type { BundleInstanceAuth } from "@/generated/prisma-sqlite/client";
import { badInput, notFound } from "@/domain/errors";
import type { AuthInput, StoredAuth } from "@/domain/webhooks/webhook-rules";
import { validCatalogAuth } from "@/domain/catalog/catalog-rules";
import { requireInputParamsMatch, sealInstanceAuth, statusColumns } from "@/domain/catalog/instance-auth-rules";
import { type TenantObjectInput, childOf, defineKind } from "../tenant-object-kind";

export interface BundleInstanceAuthInput extends TenantObjectInput {
  context?: string | null;
  inputParams?: string | null;
  auth?: AuthInput | null;
  runtimeID?: string | null;
  runtimeContextID?: string | null;
}

interface ValidInstanceAuth {
  context?: string | null;
  inputParams?: string | null;
  auth?: StoredAuth | null;
  runtimeId?: string | null;
  runtimeContextId?: string | null;
}

/**
 * Compass's bundle instance auths as the application side writes them
 * (createBundleInstanceAuth, updateBundleInstanceAuth, deleteBundleInstanceAuth):
 * under a bundle, written by whoever may change its application. A runtime's
 * own requests and Compass's status rules are in domain/catalog/instance-auths.ts.
 * The credentials are sealed under the row's id and never audited.
 */
export const BUNDLE_INSTANCE_AUTH = defineKind<BundleInstanceAuth, BundleInstanceAuthInput, ValidInstanceAuth>({
  type: "BUNDLE_INSTANCE_AUTH",
  table: "BundleInstanceAuth",
  dateColumns: ["createdAt", "updatedAt", "statusTimestamp"],
  // Compass's names for its events.
  audit: { registered: "BUNDLE_INSTANCE_AUTH_CREATED", updated: "BUNDLE_INSTANCE_AUTH_UPDATED", unregistered: "BUNDLE_INSTANCE_AUTH_DELETED" },
  ...childOf("BUNDLE", 10_000),
  title: (row) => (row.runtimeId ? `instance auth for runtime ${row.runtimeId}` : `instance auth ${row.id}`),
  // createBundleInstanceAuth: the credentials are required; the request's JSON documents are stored as given.
  validate: (input) => ({
    context: input.context ?? null,
    inputParams: input.inputParams ?? null,
    auth: requiredAuth(validCatalogAuth(input.auth ?? null, "in.auth").auth),
    runtimeId: input.runtimeID ?? null,
    runtimeContextId: input.runtimeContextID ?? null,
  }),
  // updateBundleInstanceAuth: what is given replaces, what is omitted stays (Compass's SetFromUpdateInput).
  validateUpdate: (input: BundleInstanceAuthInput) => ({
    ...(input.context != null ? { context: input.context } : {}),
    ...(input.inputParams != null ? { inputParams: input.inputParams } : {}),
    ...(input.auth != null ? { auth: validCatalogAuth(input.auth, "in.auth").auth } : {}),
  }),
  createData: ({ auth, ...valid }, id) => ({ ...valid, authSealed: sealInstanceAuth(id, auth ?? null), ...statusColumns("SUCCEEDED") }),
  updateData: ({ auth, ...valid }, before) => ({ ...valid, ...(auth ? { authSealed: sealInstanceAuth(before.id, auth) } : {}) }),
  afterInsert: async (tx, row) => {
    const bundle = await tx.bundle.findUniqueOrThrow({ where: { id: row.bundleId }, select: { instanceAuthRequestInputSchema: true } });
    requireInputParamsMatch(bundle.instanceAuthRequestInputSchema, row.inputParams, "in.inputParams");
    if (row.runtimeId && !(await tx.runtime.findFirst({ where: { id: row.runtimeId, tenantId: row.tenantId }, select: { id: true } }))) {
      throw notFound("runtime", row.runtimeId, "creating a bundle instance auth for it");
    }
  },
  auditFields: (row) => ({ bundleId: row.bundleId, runtimeId: row.runtimeId, runtimeContextId: row.runtimeContextId, statusCondition: row.statusCondition }),
});

function requiredAuth(auth: StoredAuth | null): StoredAuth {
  if (!auth) throw badInput("in.auth", "cannot be blank");
  return auth;
}
