import DataLoader from "dataloader";
import { SCOPES } from "@/lib/scopes";
import { hasScope, requireScope } from "@/domain/principals/authorize";
import { authOf, webhooksOfOwners } from "@/domain/webhooks/webhook.service";
import type { GraphQLContext } from "@/graphql/context";
import type { WebhookMapper as WebhookRow } from "./schema.mappers";

/**
 * The webhook fields: an owner's `webhooks` (one query a page, through a
 * loader kept per request beside the context, not in it) and a webhook's own
 * fields, its `auth` behind `webhooks.auth:read` as Compass's @sanitize.
 */
const loaders = new WeakMap<GraphQLContext, DataLoader<string, WebhookRow[]>>();

const loaderOf = (ctx: GraphQLContext) => {
  let loader = loaders.get(ctx);
  if (!loader) loaders.set(ctx, (loader = new DataLoader((ownerIds: readonly string[]) => webhooksOfOwners(ctx.db, ownerIds))));
  return loader;
};

/** `Application.webhooks`, `Runtime.webhooks`: whoever reads the owner reads its webhooks (their auth apart). */
export const ownerWebhooksField = (owner: { id: string }, _args: unknown, ctx: GraphQLContext) => loaderOf(ctx).load(owner.id);

const ownerIdIf = (type: string) => (row: WebhookRow) => (row.ownerType === type ? row.ownerId : null);

export const webhookFields = {
  applicationID: ownerIdIf("APPLICATION"),
  applicationTemplateID: ownerIdIf("APPLICATION_TEMPLATE"),
  runtimeID: ownerIdIf("RUNTIME"),
  formationTemplateID: ownerIdIf("FORMATION_TEMPLATE"),
  integrationSystemID: () => null,
  createdAt: (row: WebhookRow) => row.createdAt,
  auth: (row: WebhookRow, _args: unknown, ctx: GraphQLContext) => {
    if (!row.authSealed || !hasScope(ctx.principal, SCOPES.webhooksAuthRead)) return null;
    const auth = authOf(row);
    return auth ? { webhookAuth: auth } : null;
  },
};

/** The write scopes that may change some webhook: each mutation then requires its owner's (the service checks it). */
export function requireWebhookWriter(ctx: GraphQLContext, doing: string) {
  if (hasScope(ctx.principal, SCOPES.runtimeWrite)) return ctx.principal!;
  return requireScope(ctx.principal, SCOPES.applicationWrite, doing);
}

/** An application template's webhook is changed with the template's scope (templates are global: no tenant). */
export function requireTemplateWebhookWriter(ctx: GraphQLContext, doing: string) {
  return requireScope(ctx.principal, SCOPES.applicationTemplateWrite, `${doing} of an application template`);
}
