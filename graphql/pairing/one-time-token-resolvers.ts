import type { TenantObjectKind, TenantObjectRow } from "@/domain/tenant-objects/tenant-object-kind";
import { homeTenantFor } from "@/domain/tenant-objects/tenant-object.service";
import type { ObjectKind } from "@/domain/credentials/object-credentials.service";
import { requestOneTimeToken } from "@/domain/pairing/one-time-token.service";
import { requirePairingRequester } from "@/domain/principals/authorize";
import { CONNECTOR_PATH } from "@/lib/paths";
import type { GraphQLContext } from "@/graphql/context";
import type { OneTimeTokenForApplicationMapper } from "./schema.mappers";

/**
 * `requestOneTimeTokenFor<Kind>(id, systemAuthID)` and the fields of Compass's one-time token types,
 * for applications and runtimes alike.
 */
export const requestOneTimeTokenMutation =
  (kind: TenantObjectKind<TenantObjectRow>) =>
  async (_parent: unknown, args: { id: string; systemAuthID?: string | null }, ctx: GraphQLContext): Promise<OneTimeTokenForApplicationMapper> => {
    const doing = `requesting a one-time token for ${kind.nouns.a}`;
    const actor = requirePairingRequester(ctx.principal, kind.scopes.write, doing);
    const tenant = await homeTenantFor(kind, ctx.db, await ctx.tenant.require(doing), args.id, doing);
    const ttls = ctx.config.oneTimeTokenTtlSeconds;
    const issued = await requestOneTimeToken(ctx.db, actor, tenant, kind.type as ObjectKind, args.id, {
      systemAuthId: args.systemAuthID,
      ttlSeconds: kind.type === "APPLICATION" ? ttls.application : ttls.runtime,
    });
    return { ...issued, connectorURL: `${ctx.origin}${CONNECTOR_PATH}` };
  };

const TYPE_NAMES = { APPLICATION: "Application", RUNTIME: "Runtime" } as const;

/** Compass's TokenWithURL as JSON, its fields in its order (the `raw` and `rawEncoded` answers). */
function compassJson(token: OneTimeTokenForApplicationMapper): string {
  return JSON.stringify({
    token: token.token,
    connectorURL: token.connectorURL,
    used: false,
    expiresAt: token.expiresAt.toISOString(),
    createdAt: token.createdAt.toISOString(),
    usedAt: null,
    type: TYPE_NAMES[token.kind],
    scenario_groups: null,
  });
}

export const oneTimeTokenFields = {
  used: () => false,
  usedAt: () => null,
  type: (token: OneTimeTokenForApplicationMapper) => TYPE_NAMES[token.kind],
  raw: (token: OneTimeTokenForApplicationMapper) => compassJson(token),
  rawEncoded: (token: OneTimeTokenForApplicationMapper) => Buffer.from(compassJson(token)).toString("base64"),
};
