import type { Bundle, BundleInstanceAuth, Tenant } from "@/generated/prisma-sqlite/client";
import type { Db, Tx } from "@/lib/db";
import { newId } from "@/lib/ids";
import { SCOPES } from "@/lib/scopes";
import { recordAudit } from "@/domain/audit/audit.service";
import { conflict, forbidden, notFound } from "@/domain/errors";
import { hasScope, requireScope } from "@/domain/principals/authorize";
import type { Principal } from "@/domain/principals/principal";
import type { AuthInput } from "@/domain/webhooks/webhook-rules";
import { openAuth } from "@/domain/webhooks/webhook-auth";
import { BUNDLE_INSTANCE_AUTH, type BundleInstanceAuthInput } from "@/domain/tenant-objects/kinds/bundle-instance-auth";
import { defaultAuthSealId } from "@/domain/tenant-objects/kinds/bundle";
import { requireManagedObject, updateObject } from "@/domain/tenant-objects/tenant-object.service";
import { validCatalogAuth } from "./catalog-rules";
import {
  type InstanceAuthStatusInput,
  openInstanceAuth,
  requireInputParamsMatch,
  sealInstanceAuth,
  statusColumns,
  validSetStatus,
} from "./instance-auth-rules";

/**
 * The runtime's side of Compass's bundle instance auths, and the status rules
 * the core's generic writes do not know: a runtime (or a caller allowed to act
 * for runtimes) requests credentials for a bundle and asks for them to be
 * deleted; the application or its integration system sets them while the
 * request is PENDING. A runtime reads only its own; the credentials are shown
 * to it and to callers with `webhooks.auth:read`, and never written to the
 * audit log or an error.
 */

const AUDIT = {
  requested: "BUNDLE_INSTANCE_AUTH_REQUESTED",
  set: "BUNDLE_INSTANCE_AUTH_SET",
  deletionRequested: "BUNDLE_INSTANCE_AUTH_DELETION_REQUESTED",
} as const;

/** What the audit log keeps of one: never its credentials. */
const auditDetails = (row: BundleInstanceAuth, tenant: Tenant) => ({
  bundleId: row.bundleId,
  runtimeId: row.runtimeId,
  statusCondition: row.statusCondition,
  statusReason: row.statusReason,
  tenantId: tenant.id,
  tenantExternalId: tenant.externalId,
});

/** Records what happened to one, as it stands after the write (its id and runtime, which name it, never change). */
const auditInstanceAuth = (tx: Tx, actor: Principal, action: string, row: BundleInstanceAuth, tenant: Tenant, extra: object = {}) =>
  recordAudit(tx, actor, {
    action,
    objectType: BUNDLE_INSTANCE_AUTH.table,
    objectId: row.id,
    objectLabel: BUNDLE_INSTANCE_AUTH.title!(row),
    details: { ...auditDetails(row, tenant), ...extra },
  });

/**
 * Who requests: a runtime for itself, or a person who may change runtimes
 * (runtime:write), for none in particular (Compass's request from a consumer
 * that is not a runtime). An integration system does not request: it is the
 * application side, which sets.
 */
function requester(actor: Principal | null, doing: string): { actor: Principal; runtimeId: string | null } {
  if (actor?.kind === "RUNTIME") return { actor: requireScope(actor, SCOPES.runtimeRead, doing), runtimeId: actor.objectId };
  const person = requireScope(actor, SCOPES.runtimeWrite, doing);
  if (person.kind !== "USER") throw forbidden(`Only a runtime, or a person who may change runtimes, asks for a bundle instance auth (while ${doing})`);
  return { actor: person, runtimeId: null };
}

async function bundleOf(tx: Tx | Db, tenant: Tenant, id: string, doing: string): Promise<Bundle> {
  const bundle = await tx.bundle.findFirst({ where: { id, tenantId: tenant.id } });
  if (!bundle) throw notFound("bundle", id, `${doing} in tenant "${tenant.externalId}"`);
  return bundle;
}

export interface InstanceAuthRequestInput {
  id?: string | null;
  context?: string | null;
  inputParams?: string | null;
}

/**
 * requestBundleInstanceAuthCreation: PENDING until the application side sets
 * credentials, or SUCCEEDED at once with the bundle's default instance auth.
 */
export async function requestInstanceAuth(db: Db, principal: Principal | null, tenant: Tenant, bundleId: string, input: InstanceAuthRequestInput) {
  const doing = "requesting a bundle instance auth";
  const { actor, runtimeId } = requester(principal, doing);
  return db.$transaction(async (tx) => {
    const bundle = await bundleOf(tx, tenant, bundleId, doing);
    requireInputParamsMatch(bundle.instanceAuthRequestInputSchema, input.inputParams ?? null, "in.inputParams");
    const id = newId();
    const defaultAuth = bundle.defaultInstanceAuthSealed ? openAuth(defaultAuthSealId(bundle.id), bundle.defaultInstanceAuthSealed) : null;
    const row = await tx.bundleInstanceAuth.create({
      data: {
        id,
        tenantId: tenant.id,
        integrationSystemId: bundle.integrationSystemId,
        bundleId: bundle.id,
        runtimeId,
        context: input.context ?? null,
        inputParams: input.inputParams ?? null,
        authSealed: sealInstanceAuth(id, defaultAuth),
        ...statusColumns(defaultAuth ? "SUCCEEDED" : "PENDING"),
      },
    });
    await auditInstanceAuth(tx, actor, AUDIT.requested, row, tenant);
    return row;
  });
}

/** One of the tenant's instance auths that this requester may act on: a runtime only its own. */
async function requestersOwn(tx: Tx, actor: Principal, runtimeId: string | null, tenant: Tenant, id: string, doing: string) {
  const row = await tx.bundleInstanceAuth.findFirst({ where: { id, tenantId: tenant.id } });
  if (!row) throw notFound("bundle instance auth", id, `${doing} in tenant "${tenant.externalId}"`);
  if (actor.kind === "RUNTIME" && row.runtimeId !== runtimeId) throw forbidden(`A runtime may act only on its own bundle instance auths (while ${doing})`);
  return row;
}

/**
 * requestBundleInstanceAuthDeletion: with a default instance auth on the
 * bundle it is deleted at once; otherwise it is UNUSED, for the application
 * side to delete.
 */
export async function requestInstanceAuthDeletion(db: Db, principal: Principal | null, tenant: Tenant, id: string) {
  const doing = "requesting a bundle instance auth's deletion";
  const { actor, runtimeId } = requester(principal, doing);
  return db.$transaction(async (tx) => {
    const row = await requestersOwn(tx, actor, runtimeId, tenant, id, doing);
    const bundle = await bundleOf(tx, tenant, row.bundleId, doing);
    if (bundle.defaultInstanceAuthSealed) {
      await tx.bundleInstanceAuth.delete({ where: { id } });
      await auditInstanceAuth(tx, actor, BUNDLE_INSTANCE_AUTH.audit.unregistered, row, tenant, { reason: "DELETION_REQUESTED" });
      return row;
    }
    const updated = await tx.bundleInstanceAuth.update({ where: { id }, data: statusColumns("UNUSED") });
    await auditInstanceAuth(tx, actor, AUDIT.deletionRequested, updated, tenant);
    return updated;
  });
}

export interface InstanceAuthSetInput {
  auth?: AuthInput | null;
  status?: InstanceAuthStatusInput | null;
}

/** setBundleInstanceAuth: by whoever may change the bundle's application, only while the request is PENDING. */
export async function setInstanceAuth(db: Db, actor: Principal, tenant: Tenant, id: string, input: InstanceAuthSetInput) {
  const auth = validCatalogAuth(input.auth, "in.auth").auth;
  const status = validSetStatus(auth !== null, input.status);
  return db.$transaction(async (tx) => {
    const row = await requireManagedObject(tx, BUNDLE_INSTANCE_AUTH, actor, tenant, id, "setting");
    if (row.statusCondition !== "PENDING") {
      throw conflict(`Credentials can be set only on a bundle instance auth in PENDING state (this one is ${row.statusCondition})`, "authID");
    }
    const updated = await tx.bundleInstanceAuth.update({ where: { id }, data: { authSealed: sealInstanceAuth(id, auth), ...status } });
    await auditInstanceAuth(tx, actor, AUDIT.set, updated, tenant);
    return updated;
  });
}

/** updateBundleInstanceAuth(id, bundleID, in): one of that bundle's, or NOT_FOUND; its input parameters still match the bundle's schema. */
export async function updateInstanceAuth(db: Db, actor: Principal, tenant: Tenant, id: string, bundleId: string, input: BundleInstanceAuthInput) {
  const doing = "updating a bundle instance auth";
  const row = await db.bundleInstanceAuth.findFirst({ where: { id, bundleId, tenantId: tenant.id }, select: { id: true } });
  if (!row) throw notFound("bundle instance auth", id, `${doing} of bundle ${bundleId} in tenant "${tenant.externalId}"`);
  if (input.inputParams != null) {
    requireInputParamsMatch((await bundleOf(db, tenant, bundleId, doing)).instanceAuthRequestInputSchema, input.inputParams, "in.inputParams");
  }
  return updateObject(BUNDLE_INSTANCE_AUTH, db, actor, tenant, id, input);
}

/** What a caller sees of a bundle's instance auths: a runtime only its own, everyone else who reads the bundle all. */
export const visibleTo = (principal: Principal | null, rows: readonly BundleInstanceAuth[]) =>
  principal?.kind === "RUNTIME" ? rows.filter((row) => row.runtimeId === principal.objectId) : [...rows];

/** The credentials, to the runtime they are for and to callers with webhooks.auth:read; null to anyone else. */
export function credentialsFor(principal: Principal | null, row: BundleInstanceAuth) {
  const mine = principal?.kind === "RUNTIME" && row.runtimeId === principal.objectId;
  return mine || hasScope(principal, SCOPES.webhooksAuthRead) ? openInstanceAuth(row) : null;
}

/** The instance auths of these bundles, oldest first, in one read (a page of bundles asking each for its own). */
export async function instanceAuthsOfBundles(db: Db, bundleIds: readonly string[]): Promise<BundleInstanceAuth[][]> {
  const rows = await db.bundleInstanceAuth.findMany({ where: { bundleId: { in: [...bundleIds] } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const byBundle = new Map<string, BundleInstanceAuth[]>();
  for (const row of rows) {
    const list = byBundle.get(row.bundleId);
    if (list) list.push(row);
    else byBundle.set(row.bundleId, [row]);
  }
  return bundleIds.map((id) => byBundle.get(id) ?? []);
}

/** Query bundleInstanceAuth(id): one of the tenant's, a runtime only its own; null otherwise. */
export async function findInstanceAuth(db: Db, principal: Principal, tenant: Tenant, id: string) {
  const row = await db.bundleInstanceAuth.findFirst({ where: { id, tenantId: tenant.id }, include: { bundle: { select: { applicationId: true } } } });
  if (!row || !visibleTo(principal, [row]).length) return null;
  // An application calling as itself reads only what lives under itself.
  if (principal.kind === "APPLICATION" && row.bundle.applicationId !== principal.objectId) return null;
  const { bundle: _, ...instanceAuth } = row;
  return instanceAuth;
}
