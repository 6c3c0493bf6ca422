import { SCOPES, parseScopes } from "@/lib/scopes";
import { forbidden, notFound } from "@/domain/errors";
import { hasScope, requireLabelWriter, requireOwnObject, requireScope } from "@/domain/principals/authorize";
import { deleteLabel, setLabel } from "@/domain/labels/label.service";
import type { LabelObjectType } from "@/domain/labels/label-rules";
import { type GenerateOptions, ownerRefOf } from "@/domain/credentials/system-auth.service";
import { type ObjectKind, deleteObjectCredential, requestObjectCredentials } from "@/domain/credentials/object-credentials.service";
import type { TenantObjectInput, TenantObjectKind, TenantObjectRow, TenantObjectType, UpdateInputOf } from "@/domain/tenant-objects/tenant-object-kind";
import { TENANT_OBJECT_KINDS } from "@/domain/tenant-objects/kinds";
import {
  homeTenantFor,
  type ObjectListArgs,
  findChildObject,
  findObject,
  listChildObjects,
  listObjects,
  listObjectsOfSystem,
  redoAfterCommit,
  registerObject,
  unregisterObject,
  updateObject,
} from "@/domain/tenant-objects/tenant-object.service";
import { targetPolicy } from "@/domain/webhooks/webhook-url";
import { outboundSettingsOf } from "@/domain/catalog/spec-fetch";
import type { Principal } from "@/domain/principals/principal";
import type { LazyPage } from "@/domain/paging/cursor";
import type { GraphQLContext } from "@/graphql/context";
import { labelsAnswer } from "@/graphql/label/labels-field";
import { pageRowsOf } from "@/graphql/plugins/query-limits";
import { batchedFirstPages } from "@/graphql/base/page-meter";
import type { GraphQLResolveInfo } from "graphql";

/**
 * The resolvers of every tenant-scoped kind, made from its descriptor
 * (domain/tenant-objects/kinds/): each of a kind's resolver files is one line
 * over these. They check the caller's rights, name the tenant from the
 * request, and call the core; the rules are in domain/tenant-objects/.
 * `doing` texts complete "(while <doing>)" in FORBIDDEN messages.
 */
type Kind<Row extends TenantObjectRow, Input extends TenantObjectInput = TenantObjectInput> = TenantObjectKind<Row, Input, unknown>;

/** Query `<kind>(id)`: null for an unknown id and for one of another tenant alike; an object calling as itself reads only itself. */
export const objectQuery =
  <Row extends TenantObjectRow>(kind: Kind<Row>) =>
  async (_parent: unknown, { id }: { id: string }, ctx: GraphQLContext) => {
    const doing = `reading ${kind.nouns.a}`;
    requireOwnObject(requireScope(ctx.principal, kind.scopes.read, doing), kind.type, id, doing);
    return findObject(kind, ctx.db, await ctx.tenant.require(doing), id);
  };

/** Query `<kinds>(first, after, search, filter)`: the tenant's objects, a keyset page at a time. */
export const listQuery =
  <Row extends TenantObjectRow>(kind: Kind<Row>) =>
  async (_parent: unknown, args: ObjectListArgs, ctx: GraphQLContext) => {
    const doing = `listing ${kind.nouns.many}`;
    requireOwnObject(requireScope(ctx.principal, kind.scopes.read, doing), kind.type, null, doing);
    return listObjects(kind, ctx.db, await ctx.tenant.require(doing), args);
  };

/** Field `IntegrationSystem.<kinds>`: what the system manages across tenants; a system lists only its own. */
export const systemListField =
  <Row extends TenantObjectRow>(kind: Kind<Row>) =>
  (system: { id: string; name: string }, args: { first: number; after?: string | null }, ctx: GraphQLContext) => {
    const principal = requireScope(ctx.principal, kind.scopes.read, `listing an integration system's ${kind.nouns.many}`);
    if (principal.kind === "INTEGRATION_SYSTEM" && principal.integrationSystemId !== system.id) {
      throw forbidden(`An integration system may list only its own ${kind.nouns.many} across tenants (while listing those of "${system.name}")`);
    }
    return listObjectsOfSystem(kind, ctx.db, system.id, args);
  };

/**
 * The right to write objects of this kind: its write scope, or, for a kind that
 * lives under another, being an object of the parent kind calling as itself
 * (the core lets it change only what lives under itself) with a token that
 * still holds the kind's read scope: a token narrowed below reading is not
 * let write.
 */
function requireWriteRight(principal: Principal | null, kind: Kind<TenantObjectRow>, doing: string): Principal {
  if (principal && ancestorTypesOf(kind).includes(principal.kind as TenantObjectType)) return requireScope(principal, kind.scopes.read, doing);
  return requireScope(principal, kind.scopes.write, doing);
}

/** The kinds a kind lives under, nearest first (a document: bundle, then application). */
function ancestorTypesOf(kind: Kind<TenantObjectRow>): TenantObjectType[] {
  if (!kind.parent) return [];
  return [kind.parent.type, ...ancestorTypesOf(TENANT_OBJECT_KINDS[kind.parent.type])];
}

/** Mutation `register<Kind>(in)`. */
export const registerMutation =
  <Row extends TenantObjectRow, Input extends TenantObjectInput>(kind: Kind<Row, Input>) =>
  async (_parent: unknown, args: { in: Input }, ctx: GraphQLContext) => {
    const doing = `registering ${kind.nouns.a}`;
    const webhookTargets = targetPolicy(ctx.config.webhookAllowedHosts);
    return registerObject(kind, ctx.db, requireScope(ctx.principal, kind.scopes.write, doing), await ctx.tenant.require(doing), args.in, undefined, {
      webhookTargets,
      outbound: outboundSettingsOf(ctx.config),
    });
  };

/** Mutation `register<Kind>(<parentArg>, in)` of a kind living under another: under that object of the tenant. */
export const registerChildMutation =
  <Row extends TenantObjectRow, Input extends TenantObjectInput, ParentArg extends string>(kind: Kind<Row, Input>, parentArg: ParentArg) =>
  async (_parent: unknown, args: { [name in ParentArg]: string } & { in: Input }, ctx: GraphQLContext) => {
    const doing = `registering ${kind.nouns.a}`;
    return registerObject(kind, ctx.db, requireWriteRight(ctx.principal, kind, doing), await ctx.tenant.require(doing), args.in, args[parentArg], {
      outbound: outboundSettingsOf(ctx.config),
    });
  };

/** Mutation `add<Kind>To<Group>(<groupArg>, in)` of a kind with a group: into that group (an API definition into a bundle), under the group's parent. */
export const registerGroupedMutation =
  <Row extends TenantObjectRow, Input extends TenantObjectInput, GroupArg extends string>(kind: Kind<Row, Input>, groupArg: GroupArg) =>
  async (_parent: unknown, args: { [name in GroupArg]: string } & { in: Input }, ctx: GraphQLContext) => {
    const doing = `registering ${kind.nouns.a}`;
    return registerObject(kind, ctx.db, requireWriteRight(ctx.principal, kind, doing), await ctx.tenant.require(doing), args.in, undefined, {
      groupId: args[groupArg],
      outbound: outboundSettingsOf(ctx.config),
    });
  };

/**
 * Query `<kinds>For<Parent>(<parentArg>, first, after)`: the objects under one
 * parent of the tenant, read as the parent is (its read scope, or the parent
 * calling as itself); NOT_FOUND for a parent the tenant does not reach.
 */
export const childListQuery =
  <Row extends TenantObjectRow, ParentArg extends string>(parentKind: Kind<TenantObjectRow>, kind: Kind<Row>, parentArg: ParentArg) =>
  async (_parent: unknown, args: { [name in ParentArg]: string } & { first: number; after?: string | null }, ctx: GraphQLContext) => {
    const doing = `listing ${kind.nouns.many}`;
    requireOwnObject(requireScope(ctx.principal, parentKind.scopes.read, doing), parentKind.type, args[parentArg], doing);
    const tenant = await ctx.tenant.require(doing);
    const parent = await findObject(parentKind, ctx.db, tenant, args[parentArg]);
    if (!parent) throw notFound(parentKind.nouns.one, args[parentArg], `${doing} in tenant "${tenant.externalId}"`);
    return childListField(kind).resolve(parent, args, ctx, undefined);
  };

/*
 * A kind living under another is read as part of its parent: whoever was
 * allowed the parent (its read scope, or the parent calling as itself) reads
 * what lives under it, as in Compass, so these fields check no right of their
 * own. They read in the parent's tenant, where what lives under it always is,
 * whichever way the parent was reached.
 */

/** Field `<Parent>.<kind>(id)`: one object living under the parent; null for an unknown id and for one under another parent alike. */
export const childField =
  <Row extends TenantObjectRow>(kind: Kind<Row>, column = kind.parent!.column) =>
  (parent: TenantObjectRow, { id }: { id: string }, ctx: GraphQLContext) =>
    findChildObject(kind, ctx.db, parent, id, column);

/** Field `<Group>.<kind>(id)`: one object gathered in the group (an API definition of a bundle). */
export const groupField = <Row extends TenantObjectRow>(kind: Kind<Row>) => childField(kind, kind.group!.column);

/**
 * Field `<Parent>.<kinds>(first, after)`: the objects living under the parent,
 * a keyset page at a time. First pages go through a loader, so a page of
 * parents reads all their first pages in one query.
 */
export const childListField = <Row extends TenantObjectRow>(kind: Kind<Row>, column = kind.parent!.column) =>
  batchedFirstPages((parent: TenantObjectRow, args: { first: number; after?: string | null }, ctx: GraphQLContext, info?: GraphQLResolveInfo) => {
    const first = servedPageSize(args.first, info);
    return args.after
      ? listChildObjects(kind, ctx.db, parent, { first, after: args.after }, column)
      : (ctx.loaders.firstChildPages.load({ type: kind.type, column, tenantId: parent.tenantId, parentId: parent.id, first }) as Promise<LazyPage<Row>>);
  });

/**
 * A page's size as served: at most the rows its field's `@pageRows(max: n)`
 * promises the query limits (graphql/plugins/query-limits.ts), which judged
 * the request by that figure; the client pages on with `after`.
 */
const servedPageSize = (first: number, info: GraphQLResolveInfo | undefined) =>
  info ? Math.min(first, pageRowsOf(info.parentType.getFields()[info.fieldName])) : first;

/**
 * Field `<Group>.<kinds>(group, first, after)`: the objects gathered in the
 * group, oldest first; Compass's `group` argument keeps only those of that
 * API group (a separate list, so its cursors never continue the whole one).
 */
export const groupListField = <Row extends TenantObjectRow>(kind: Kind<Row>) => {
  const wholeGroup = childListField(kind, kind.group!.column);
  return batchedFirstPages(
    (parent: TenantObjectRow, args: { group?: string | null; first: number; after?: string | null }, ctx: GraphQLContext, info: GraphQLResolveInfo) =>
      args.group == null
        ? wholeGroup.resolve(parent, args, ctx, info)
        : listChildObjects(
            kind,
            ctx.db,
            parent,
            { first: servedPageSize(args.first, info), after: args.after, equals: { column: "group", value: args.group } },
            kind.group!.column,
          ),
    ["after", "group"],
  );
};

/** Mutation `update<Kind>(id, in)`. */
export const updateMutation =
  <Row extends TenantObjectRow, Input extends TenantObjectInput>(kind: Kind<Row, Input>) =>
  async (_parent: unknown, args: { id: string; in: UpdateInputOf<Input> }, ctx: GraphQLContext) => {
    const doing = `updating ${kind.nouns.a}`;
    return updateObject(kind, ctx.db, requireWriteRight(ctx.principal, kind, doing), await ctx.tenant.require(doing), args.id, args.in, {
      outbound: outboundSettingsOf(ctx.config),
    });
  };

/** Mutation `refetch<Kind>(<idArg>)`: the kind's work after a write done again (a spec fetched again); the object as it now is. */
export const redoMutation =
  <Row extends TenantObjectRow, IdArg extends string>(kind: Kind<Row>, idArg: IdArg) =>
  async (_parent: unknown, args: { [name in IdArg]: string }, ctx: GraphQLContext) => {
    const doing = `refetching ${kind.nouns.a}'s spec`;
    return redoAfterCommit(kind, ctx.db, requireWriteRight(ctx.principal, kind, doing), await ctx.tenant.require(doing), args[idArg], {
      outbound: outboundSettingsOf(ctx.config),
    });
  };

/** Mutation `unregister<Kind>(id)`. */
export const unregisterMutation =
  <Row extends TenantObjectRow, IdArg extends string = "id">(kind: Kind<Row>, idArg: IdArg = "id" as IdArg) =>
  async (_parent: unknown, args: { [name in IdArg]: string }, ctx: GraphQLContext) => {
    const doing = `unregistering ${kind.nouns.a}`;
    return unregisterObject(kind, ctx.db, requireWriteRight(ctx.principal, kind, doing), await ctx.tenant.require(doing), args[idArg]);
  };

/** Mutation `set<Kind>Label(<idArg>, key, value)`: the object itself may, anyone else needs the write scope and to manage it. */
export const setLabelMutation =
  <IdArg extends string>(kind: Kind<TenantObjectRow>, idArg: IdArg) =>
  async (_parent: unknown, args: { [name in IdArg]: string } & { key: string; value?: unknown }, ctx: GraphQLContext) => {
    const doing = `setting ${kind.nouns.a}'s label`;
    const actor = requireLabelWriter(ctx.principal, kind.type, args[idArg], kind.scopes.write, doing);
    const home = await homeTenantFor(kind, ctx.db, await ctx.tenant.require(doing), args[idArg], doing);
    return setLabel(ctx.db, actor, { tenantId: home.id, type: kind.type as LabelObjectType, id: args[idArg] }, args.key, args.value);
  };

/** Mutation `delete<Kind>Label(<idArg>, key)`. */
export const deleteLabelMutation =
  <IdArg extends string>(kind: Kind<TenantObjectRow>, idArg: IdArg) =>
  async (_parent: unknown, args: { [name in IdArg]: string } & { key: string }, ctx: GraphQLContext) => {
    const doing = `deleting ${kind.nouns.a}'s label`;
    const actor = requireLabelWriter(ctx.principal, kind.type, args[idArg], kind.scopes.write, doing);
    const home = await homeTenantFor(kind, ctx.db, await ctx.tenant.require(doing), args[idArg], doing);
    return deleteLabel(ctx.db, actor, { tenantId: home.id, type: kind.type as LabelObjectType, id: args[idArg] }, args.key);
  };

/** Mutation `requestClientCredentialsFor<Kind>(id)`: the answer carries the secret, once. */
export const requestCredentialsMutation =
  (kind: Kind<TenantObjectRow>) =>
  async (_parent: unknown, { id, ...options }: { id: string } & GenerateOptions, ctx: GraphQLContext) => {
    const doing = `requesting client credentials for ${kind.nouns.a}`;
    const actor = requireScope(ctx.principal, kind.scopes.write, doing);
    return requestObjectCredentials(
      ctx.db,
      actor,
      await homeTenantFor(kind, ctx.db, await ctx.tenant.require(doing), id, doing),
      kind.type as ObjectKind,
      id,
      options,
    );
  };

/** Mutation `deleteSystemAuthFor<Kind>(authID)`. */
export const deleteCredentialMutation = (kind: Kind<TenantObjectRow>) => async (_parent: unknown, args: { authID: string }, ctx: GraphQLContext) => {
  const doing = `deleting a client credential of ${kind.nouns.a}`;
  return deleteObjectCredential(
    ctx.db,
    requireScope(ctx.principal, kind.scopes.write, doing),
    await ctx.tenant.require(doing),
    kind.type as ObjectKind,
    args.authID,
  );
};

/**
 * The object type's `labels(key)` and `auths` fields. `withManager`: the
 * managing integration system's id shows as the read-only label
 * `integrationSystemID` (Compass's, on applications), kept in its own column.
 */
export const objectFields = (kind: Kind<TenantObjectRow>, { withManager = false } = {}) => ({
  labels: async (row: TenantObjectRow, { key }: { key?: string | null }, ctx: GraphQLContext) => {
    const labels = await ctx.loaders.labelsByObjectId.load(row.id);
    return labelsAnswer(withManager && row.integrationSystemId ? { ...labels, integrationSystemID: row.integrationSystemId } : labels, key);
  },
  // Anyone who may read the object sees its credentials' ids; their data is sanitized (credentialFields' auth).
  auths: (row: TenantObjectRow, _args: unknown, ctx: GraphQLContext) => ctx.loaders.objectAuthsById[kind.type as ObjectKind].load(row.id),
});

/** The object type's `tenant` and `integrationSystem` fields: related objects need their own read scope, as at the top level. */
export const relationFields = (kind: Kind<TenantObjectRow>) => ({
  tenant: async (row: TenantObjectRow, _args: unknown, ctx: GraphQLContext) => {
    requireScope(ctx.principal, SCOPES.tenantRead, `reading ${kind.nouns.a}'s tenant`);
    const tenant = await ctx.loaders.tenantById.load(row.tenantId);
    // Only if the tenant went away between reading the object and this field: both are gone by now.
    if (!tenant) throw notFound("tenant", row.tenantId, `reading the tenant of ${kind.nouns.one} "${row.name}"`);
    return tenant;
  },
  integrationSystem: (row: TenantObjectRow, _args: unknown, ctx: GraphQLContext) => {
    if (!row.integrationSystemId) return null;
    requireScope(ctx.principal, SCOPES.integrationSystemRead, `reading ${kind.nouns.a}'s integration system`);
    return ctx.loaders.integrationSystemById.load(row.integrationSystemId);
  },
  integrationSystemID: (row: TenantObjectRow) => row.integrationSystemId,
});

/** `clientSecret` is set only on the object the requesting mutation returns. */
export type ObjectSystemAuth = Parameters<typeof ownerRefOf>[0] & { clientSecret?: string; scopes: string };

/** The kind's `<Kind>SystemAuth` type. */
export const credentialFields = (kind: Kind<TenantObjectRow>) => ({
  // Compass's @sanitize, with the scope that guards every credential's data here;
  // the requesting mutation's own answer always carries it, the secret's one reveal
  // (an integration system that manages the object may request credentials without the scope).
  auth: <Auth extends ObjectSystemAuth>(systemAuth: Auth, _args: unknown, ctx: GraphQLContext) =>
    systemAuth.clientSecret !== undefined || hasScope(ctx.principal, SCOPES.integrationSystemAuthsRead) ? systemAuth : null,
  type: () => kind.type as ObjectKind,
  referenceObjectId: (systemAuth: ObjectSystemAuth) => ownerRefOf(systemAuth).id,
  scopes: (systemAuth: ObjectSystemAuth) => parseScopes(systemAuth.scopes),
});
