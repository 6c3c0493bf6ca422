import type { Tenant } from "@/generated/prisma-sqlite/client";
import type { Db, Tx } from "@/lib/db";
import { transactionRefusingDuplicates } from "@/lib/db-errors";
import { newId } from "@/lib/ids";
import { tenantNameProblem } from "@/lib/names";
import { recordAudit, recordAudits } from "@/domain/audit/audit.service";
import { badInput, conflict, notFound } from "@/domain/errors";
import type { Principal } from "@/domain/principals/principal";
import { forgetCredentials } from "@/domain/credentials/system-auth.service";
import { checkLabelKey, checkLabelValue } from "@/domain/labels/label-rules";
import { validExternalId, validName } from "@/domain/validation/validation";
import {
  type ValidTenantInput,
  detailsOf,
  duplicateExternalId,
  externalIdKeyOf,
  findTenant,
  refuseOtherTenantsId,
  removeTenant,
  validTenantType,
} from "./tenant.service";

/**
 * Compass's business tenant mappings: how its tenant fetcher keeps tenants in
 * step with an outside tenant registry (writeTenant, writeTenants,
 * updateTenant, deleteTenants), the hierarchy they form through parents
 * (customer -> account -> subaccount; cost objects, organizations, folders
 * and resource groups), and tenants' own labels. Who may call them is the
 * resolvers' `tenant:write` (docs/decisions/0017); every write is audited in
 * its transaction, and a batch is all or nothing.
 */

/** A batch is one transaction: bounded so one call cannot hold the database for long (decision 0017). */
const MAX_TENANT_BATCH = 100;
/** Compass's hierarchies are a few levels deep and a tenant has one or two parents. */
const MAX_PARENTS = 16;
const MAX_DEPTH = 32;
/** subdomain, region, provider, licenseType, customerId, costObjectId, costObjectType. */
const MAX_MAPPING_STRING = 256;
const MAX_TENANT_LABELS = 64;

export interface TenantMappingInput {
  name: string;
  externalTenant: string;
  parents?: readonly (string | null | undefined)[] | null;
  subdomain?: string | null;
  region?: string | null;
  type: string;
  provider: string;
  licenseType?: string | null;
  customerId?: string | null;
  costObjectId?: string | null;
  costObjectType?: string | null;
}

interface ValidMapping extends ValidTenantInput {
  type: string;
  provider: string;
  subdomain: string | null;
  region: string | null;
  licenseType: string | null;
  customerId: string | null;
  costObjectId: string | null;
  costObjectType: string | null;
}

const OPTIONAL_STRINGS = ["subdomain", "region", "licenseType", "customerId", "costObjectId", "costObjectType"] as const;

function boundedString(raw: string, field: string): string {
  const value = raw.trim();
  if (value.length > MAX_MAPPING_STRING) throw badInput(field, `At most ${MAX_MAPPING_STRING} characters, got ${value.length}`);
  return value;
}

function validateMapping(input: TenantMappingInput, path: string): { valid: ValidMapping; parents: string[] } {
  const externalId = validExternalId(input.externalTenant, `${path}.externalTenant`);
  const valid: ValidMapping = {
    externalId,
    externalIdKey: externalIdKeyOf(externalId),
    name: validName(input.name, `${path}.name`, tenantNameProblem),
    type: validTenantType(input.type, `${path}.type`),
    provider: boundedString(input.provider, `${path}.provider`),
    subdomain: null,
    region: null,
    licenseType: null,
    customerId: null,
    costObjectId: null,
    costObjectType: null,
  };
  for (const key of OPTIONAL_STRINGS) {
    const raw = input[key];
    valid[key] = raw == null ? null : boundedString(raw, `${path}.${key}`) || null;
  }
  const given = input.parents ?? [];
  if (given.length > MAX_PARENTS) throw badInput(`${path}.parents`, `A tenant has at most ${MAX_PARENTS} parents, got ${given.length}`);
  const parents: string[] = [];
  given.forEach((parent, index) => {
    // Compass's list type allows null entries; they name nothing.
    if (parent == null) return;
    const ref = parent.trim();
    const field = `${path}.parents[${index}]`;
    if (!ref) throw badInput(field, "A parent is a tenant's external id; got a blank one");
    if (ref.length > 64) throw badInput(field, "A parent is a tenant's external id of at most 64 characters");
    if (externalIdKeyOf(ref) === valid.externalIdKey) throw badInput(field, "A tenant cannot be its own parent");
    if (!parents.some((known) => externalIdKeyOf(known) === externalIdKeyOf(ref))) parents.push(ref);
  });
  return { valid, parents };
}

/** The internal ids of the tenants `refs` name (external or internal ids); BAD_USER_INPUT on the first unknown one. */
async function resolveParents(
  tx: Tx,
  refs: readonly string[],
  path: string,
  original: readonly (string | null | undefined)[] | null | undefined,
): Promise<string[]> {
  const ids: string[] = [];
  for (const ref of refs) {
    const parent = await findTenant(tx, ref);
    if (!parent) {
      const index = original?.findIndex((candidate) => candidate?.trim() === ref) ?? 0;
      throw badInput(`${path}.parents[${Math.max(index, 0)}]`, `No tenant has the external id "${ref}": write the parent first, or in the same batch`);
    }
    ids.push(parent.id);
  }
  return ids;
}

/**
 * The ancestors of `tenantIds` (their parents, the parents' parents, ...),
 * walked MAX_DEPTH levels at most; `deeper`: some chain goes on above that.
 */
async function ancestorsOf(db: Db | Tx, tenantIds: readonly string[]): Promise<Set<string> & { deeper?: boolean }> {
  const seen: Set<string> & { deeper?: boolean } = new Set<string>();
  let level = [...tenantIds];
  for (let depth = 0; level.length > 0; depth++) {
    if (depth === MAX_DEPTH) {
      seen.deeper = true;
      break;
    }
    const rows = await db.tenantParent.findMany({ where: { tenantId: { in: level } }, select: { parentId: true } });
    // Not narrowed to unseen ids: a chain is measured from each tenant, though another one passed through it.
    level = [...new Set(rows.map((row) => row.parentId))];
    for (const id of level) seen.add(id);
  }
  return seen;
}

/** Hierarchies are at most MAX_DEPTH levels above any tenant written, so rootTenants always reaches the top. */
async function refuseTooDeep(tx: Tx, tenantIds: readonly string[], field: string) {
  if ((await ancestorsOf(tx, tenantIds)).deeper) throw badInput(field, `A tenant hierarchy is at most ${MAX_DEPTH} levels deep`);
}

/** Parents that would make `tenant` its own ancestor are refused: walking a cycle would never reach a root. */
async function refuseCycle(tx: Tx, tenant: Tenant, parentIds: readonly string[], field: string) {
  if (parentIds.includes(tenant.id) || (await ancestorsOf(tx, parentIds)).has(tenant.id)) {
    throw badInput(field, `These parents would make tenant "${tenant.externalId}" its own ancestor`);
  }
}

async function addParents(tx: Tx, tenant: Tenant, parentIds: readonly string[], field: string) {
  if (parentIds.length === 0) return;
  await refuseCycle(tx, tenant, parentIds, field);
  const existing = new Set((await tx.tenantParent.findMany({ where: { tenantId: tenant.id }, select: { parentId: true } })).map((row) => row.parentId));
  const fresh = parentIds.filter((id) => !existing.has(id));
  if (fresh.length > 0) await tx.tenantParent.createMany({ data: fresh.map((parentId) => ({ tenantId: tenant.id, parentId })) });
}

async function parentIdsOf(db: Db | Tx, tenantId: string): Promise<string[]> {
  const rows = await db.tenantParent.findMany({ where: { tenantId }, select: { parentId: true }, orderBy: { parentId: "asc" } });
  return rows.map((row) => row.parentId);
}

const mappingDetails = (tenant: Tenant, parents: readonly string[]) => ({
  ...detailsOf(tenant),
  subdomain: tenant.subdomain,
  region: tenant.region,
  licenseType: tenant.licenseType,
  customerId: tenant.customerId,
  costObjectId: tenant.costObjectId,
  costObjectType: tenant.costObjectType,
  parents,
});

/** Compass's writeTenant: one tenant of writeTenants, answered by its internal id. */
export async function writeTenant(db: Db, actor: Principal, input: TenantMappingInput): Promise<string> {
  const [id] = await writeMappings(db, actor, [input], (index) => (index === 0 ? "in" : `in[${index}]`));
  return id;
}

/**
 * Compass's writeTenants: creates each tenant, or updates the one with its
 * external id (fields replaced, parents added: Compass's upsert never drops
 * a parent; updateTenant replaces them). Parents may name tenants of the
 * same batch, in any order. All or none; answers the internal ids in order.
 */
export async function writeTenants(db: Db, actor: Principal, inputs: readonly TenantMappingInput[] | null | undefined): Promise<string[]> {
  return writeMappings(db, actor, inputs ?? [], (index) => `in[${index}]`);
}

async function writeMappings(db: Db, actor: Principal, inputs: readonly TenantMappingInput[], pathOf: (index: number) => string): Promise<string[]> {
  if (inputs.length > MAX_TENANT_BATCH) throw badInput("in", `At most ${MAX_TENANT_BATCH} tenants at once, got ${inputs.length}`);
  const checked = inputs.map((input, index) => ({ input, path: pathOf(index), ...validateMapping(input, pathOf(index)) }));
  const keys = new Set<string>();
  for (const { valid, path } of checked) {
    if (keys.has(valid.externalIdKey)) throw badInput(`${path}.externalTenant`, `External id "${valid.externalId}" comes twice in this batch`);
    keys.add(valid.externalIdKey);
  }
  // Set-based: a constant number of statements whatever the batch's size (but one update per existing tenant),
  // so a full batch stays well inside the transaction's time on PostgreSQL too.
  return transactionRefusingDuplicates(
    db,
    async (tx) => {
      const existing = new Map((await tx.tenant.findMany({ where: { externalIdKey: { in: [...keys] } } })).map((tenant) => [tenant.externalIdKey, tenant]));
      // An external id that names another tenant's id would make the `tenant` header ambiguous.
      const clashes = await tx.tenant.findMany({
        where: { id: { in: checked.flatMap(({ valid }) => [valid.externalId, valid.externalIdKey]) } },
        select: { id: true },
      });
      for (const { valid, path } of checked) {
        const own = existing.get(valid.externalIdKey)?.id;
        if (clashes.some((clash) => clash.id !== own && externalIdKeyOf(clash.id) === valid.externalIdKey)) {
          throw conflict(`External id "${valid.externalId}" is another tenant's id`, `${path}.externalTenant`);
        }
      }
      const fresh = checked.filter(({ valid }) => !existing.has(valid.externalIdKey)).map(({ valid }) => ({ id: newId(), ...valid }));
      if (fresh.length > 0) await tx.tenant.createMany({ data: fresh });
      for (const { valid } of checked) {
        const before = existing.get(valid.externalIdKey);
        if (before) await tx.tenant.update({ where: { id: before.id }, data: valid });
      }
      const rows = new Map((await tx.tenant.findMany({ where: { externalIdKey: { in: [...keys] } } })).map((tenant) => [tenant.externalIdKey, tenant]));
      const written = checked.map(({ valid }) => rows.get(valid.externalIdKey)!);
      const writtenIds = written.map((tenant) => tenant.id);

      // Parents: every reference resolved at once (the batch's own tenants included), rows added that are missing.
      const refs = [...new Set(checked.flatMap(({ parents }) => parents))];
      const named = refs.length
        ? await tx.tenant.findMany({ where: { OR: [{ id: { in: refs } }, { externalIdKey: { in: refs.map(externalIdKeyOf) } }] } })
        : [];
      const resolve = (ref: string) => named.find((tenant) => tenant.id === ref) ?? named.find((tenant) => tenant.externalIdKey === externalIdKeyOf(ref));
      const parentRows = await tx.tenantParent.findMany({ where: { tenantId: { in: writtenIds } } });
      const before = new Map(
        writtenIds.map((id) => [
          id,
          parentRows
            .filter((row) => row.tenantId === id)
            .map((row) => row.parentId)
            .sort(),
        ]),
      );
      const after = new Map([...before].map(([id, parentIds]) => [id, new Set(parentIds)]));
      const added: { tenantId: string; parentId: string }[] = [];
      for (const [index, { path, parents, input }] of checked.entries()) {
        for (const ref of parents) {
          const parent = resolve(ref);
          if (!parent) {
            const at = Math.max(input.parents?.findIndex((candidate) => candidate?.trim() === ref) ?? 0, 0);
            throw badInput(`${path}.parents[${at}]`, `No tenant has the external id "${ref}": write the parent first, or in the same batch`);
          }
          if (parent.id === written[index].id) throw badInput(`${path}.parents[${parents.indexOf(ref)}]`, "A tenant cannot be its own parent");
          const mine = after.get(written[index].id)!;
          if (!mine.has(parent.id)) {
            mine.add(parent.id);
            added.push({ tenantId: written[index].id, parentId: parent.id });
          }
        }
      }
      if (added.length > 0) await tx.tenantParent.createMany({ data: added });
      // A cycle never ends, so the bounded walk catches it with chains that are too deep.
      const walked = await ancestorsOf(tx, writtenIds);
      if (walked.deeper) {
        throw badInput(
          inputs.length === 1 ? `${pathOf(0)}.parents` : "in",
          `These parents would form a cycle, or a tenant hierarchy deeper than ${MAX_DEPTH} levels`,
        );
      }

      await recordAudits(
        tx,
        actor,
        written.map((tenant, index) => {
          const previous = existing.get(checked[index].valid.externalIdKey);
          const now = mappingDetails(tenant, [...after.get(tenant.id)!].sort());
          return {
            action: previous ? "TENANT_UPDATED" : "TENANT_CREATED",
            objectType: "Tenant",
            objectId: tenant.id,
            objectLabel: tenant.name,
            details: previous ? { before: mappingDetails(previous, before.get(tenant.id)!), after: now, via: "writeTenants" } : { ...now, via: "writeTenants" },
          };
        }),
      );
      return writtenIds;
    },
    () => duplicateExternalId(checked[0]?.valid.externalId ?? "", checked.length === 1 ? `${checked[0].path}.externalTenant` : "in"),
  );
}

/** Compass's updateTenant: replaces every field and the parents of the tenant `idOrExternalId` names. */
export async function updateTenant(db: Db, actor: Principal, idOrExternalId: string, input: TenantMappingInput): Promise<Tenant> {
  const { valid, parents } = validateMapping(input, "in");
  return transactionRefusingDuplicates(
    db,
    async (tx) => {
      const before = await findTenant(tx, idOrExternalId);
      if (!before) throw notFound("tenant", idOrExternalId, "updating it");
      await refuseOtherTenantsId(tx, valid, before.id, "in.externalTenant");
      const parentsBefore = await parentIdsOf(tx, before.id);
      const parentIds = await resolveParents(tx, parents, "in", input.parents);
      const tenant = await tx.tenant.update({ where: { id: before.id }, data: valid });
      await tx.tenantParent.deleteMany({ where: { tenantId: tenant.id } });
      await addParents(tx, tenant, parentIds, "in.parents");
      await refuseTooDeep(tx, [tenant.id], "in.parents");
      await recordAudit(tx, actor, {
        action: "TENANT_UPDATED",
        objectType: "Tenant",
        objectId: tenant.id,
        objectLabel: tenant.name,
        details: { before: mappingDetails(before, parentsBefore), after: mappingDetails(tenant, [...new Set(parentIds)].sort()) },
      });
      return tenant;
    },
    () => duplicateExternalId(valid.externalId, "in.externalTenant"),
  );
}

/**
 * Compass's deleteTenants: deletes the tenants with these external ids, with
 * their objects (as deleteTenant with cascade), all or none. Ids that name no
 * tenant are skipped, as Compass's fetcher deletes what may already be gone.
 */
export async function deleteTenants(db: Db, actor: Principal, externalIds: readonly string[] | null | undefined): Promise<number> {
  const ids = externalIds ?? [];
  if (ids.length > MAX_TENANT_BATCH) throw badInput("in", `At most ${MAX_TENANT_BATCH} tenants at once, got ${ids.length}`);
  ids.forEach((id, index) => {
    if (id.length > 64) throw badInput(`in[${index}]`, "An external id is at most 64 characters");
  });
  const keys = [...new Set(ids.map((id) => externalIdKeyOf(id.trim())).filter(Boolean))];
  const { count, credentials } = await db.$transaction(async (tx) => {
    const tenants = await tx.tenant.findMany({ where: { externalIdKey: { in: keys } }, orderBy: { createdAt: "asc" } });
    const credentials: string[] = [];
    for (const tenant of tenants) credentials.push(...(await removeTenant(tx, actor, tenant, true, "deleteTenants")));
    return { count: tenants.length, credentials };
  });
  forgetCredentials(db, credentials);
  return count;
}

/**
 * Compass's rootTenants: the topmost tenants above the one `externalTenant`
 * names (those of its ancestors without parents), oldest first; empty for a
 * tenant without parents.
 */
export async function rootTenants(db: Db, externalTenant: string): Promise<Tenant[]> {
  const tenant = await findTenant(db, externalTenant.slice(0, 64));
  if (!tenant) throw notFound("tenant", externalTenant.slice(0, 64), "finding its root tenants");
  const ancestors = [...(await ancestorsOf(db, [tenant.id]))];
  if (ancestors.length === 0) return [];
  const withParents = new Set(
    (await db.tenantParent.findMany({ where: { tenantId: { in: ancestors } }, select: { tenantId: true } })).map((row) => row.tenantId),
  );
  const roots = ancestors.filter((id) => !withParents.has(id));
  return db.tenant.findMany({ where: { id: { in: roots } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

/** Compass's `initialized`, for many tenants at once: those that have been used, which Compass reads as "have a label definition". */
export async function initializedAmong(db: Db, tenantIds: readonly string[]): Promise<Set<string>> {
  const rows = await db.labelDefinition.findMany({ where: { tenantId: { in: [...tenantIds] } }, select: { tenantId: true }, distinct: ["tenantId"] });
  return new Set(rows.map((row) => row.tenantId));
}

/** The labels of many tenants at once, by tenant id. */
export async function labelsOfTenants(db: Db, tenantIds: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
  const rows = await db.tenantLabel.findMany({ where: { tenantId: { in: [...tenantIds] } }, orderBy: [{ tenantId: "asc" }, { key: "asc" }] });
  const labels = new Map(tenantIds.map((id) => [id, {} as Record<string, unknown>]));
  for (const row of rows) labels.get(row.tenantId)![row.key] = row.value;
  return labels;
}

/** The parents' internal ids of many tenants at once, by tenant id (each list sorted). */
export async function parentIdsOfTenants(db: Db, tenantIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await db.tenantParent.findMany({ where: { tenantId: { in: [...tenantIds] } }, orderBy: [{ tenantId: "asc" }, { parentId: "asc" }] });
  const parents = new Map(tenantIds.map((id) => [id, [] as string[]]));
  for (const row of rows) parents.get(row.tenantId)!.push(row.parentId);
  return parents;
}

/** Compass's setTenantLabel: sets (or replaces) one label of the tenant `idOrExternalId` names. */
export async function setTenantLabel(db: Db, actor: Principal, idOrExternalId: string, key: string, value: unknown): Promise<{ key: string; value: unknown }> {
  checkLabelKey(key, "key");
  checkLabelValue(value, "value");
  return db.$transaction(async (tx) => {
    const tenant = await findTenant(tx, idOrExternalId);
    if (!tenant) throw notFound("tenant", idOrExternalId, "setting its label");
    const before = await tx.tenantLabel.findUnique({ where: { tenantId_key: { tenantId: tenant.id, key } } });
    if (!before && (await tx.tenantLabel.count({ where: { tenantId: tenant.id } })) >= MAX_TENANT_LABELS) {
      throw badInput("key", `A tenant holds at most ${MAX_TENANT_LABELS} labels`);
    }
    const json = value as never;
    await tx.tenantLabel.upsert({
      where: { tenantId_key: { tenantId: tenant.id, key } },
      create: { tenantId: tenant.id, key, value: json },
      update: { value: json },
    });
    await recordAudit(tx, actor, {
      action: "TENANT_LABEL_SET",
      objectType: "Tenant",
      objectId: tenant.id,
      objectLabel: tenant.name,
      details: { key, before: before?.value ?? null, after: value },
    });
    return { key, value };
  });
}
