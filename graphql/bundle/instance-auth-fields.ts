import DataLoader from "dataloader";
import type { BundleInstanceAuthMapper as BundleInstanceAuth } from "./schema.mappers";
import { credentialsFor, instanceAuthsOfBundles, visibleTo } from "@/domain/catalog/instance-auths";
import type { GraphQLContext } from "@/graphql/context";
import { SCOPES, type Scope } from "@/lib/scopes";
import { requireScope } from "@/domain/principals/authorize";
import type { Principal } from "@/domain/principals/principal";

/**
 * A bundle's instance auths, read for a page of bundles in one query (a loader
 * kept per request beside the context), as the caller may see them: a runtime
 * only its own. Their credentials: to the runtime they are for and to callers
 * with webhooks.auth:read (domain/catalog/instance-auths.ts).
 */
const loaders = new WeakMap<GraphQLContext, DataLoader<string, BundleInstanceAuth[]>>();

const loaderOf = (ctx: GraphQLContext) => {
  let loader = loaders.get(ctx);
  if (!loader) loaders.set(ctx, (loader = new DataLoader((bundleIds: readonly string[]) => instanceAuthsOfBundles(ctx.db, bundleIds))));
  return loader;
};

export const instanceAuthsField = async (bundle: { id: string }, _args: unknown, ctx: GraphQLContext) =>
  visibleTo(ctx.principal, await loaderOf(ctx).load(bundle.id));

export const instanceAuthField = async (bundle: { id: string }, { id }: { id: string }, ctx: GraphQLContext) =>
  (await instanceAuthsField(bundle, undefined, ctx)).find((row) => row.id === id) ?? null;

export const instanceAuthFields = {
  auth: (row: BundleInstanceAuth, _args: unknown, ctx: GraphQLContext) => {
    const auth = credentialsFor(ctx.principal, row);
    return auth ? { webhookAuth: auth } : null;
  },
  status: (row: BundleInstanceAuth) => row,
  runtimeID: (row: BundleInstanceAuth) => row.runtimeId,
  runtimeContextID: (row: BundleInstanceAuth) => row.runtimeContextId,
};

/**
 * The right to act on instance auths from the application's side: the scope,
 * or being an application calling as itself with the read scope (the core
 * then confines it to its own bundles), as for everything else under an
 * application. Runtimes read with applicationRead, which they hold.
 */
export function requireApplicationSide(ctx: GraphQLContext, scope: Scope, doing: string): Principal {
  if (ctx.principal?.kind === "APPLICATION") return requireScope(ctx.principal, SCOPES.applicationRead, doing);
  return requireScope(ctx.principal, scope, doing);
}
