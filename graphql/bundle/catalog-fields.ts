import { SCOPES } from "@/lib/scopes";
import { hasScope } from "@/domain/principals/authorize";
import { type StoredVersion, fetchAuthOf, parsedFetchRequest } from "@/domain/catalog/catalog-rules";
import type { StoredAuth } from "@/domain/webhooks/webhook-rules";
import type { GraphQLContext } from "@/graphql/context";
import type { FetchRequestMapper } from "./schema.mappers";

/**
 * The fields of what an application offers that are not plain columns:
 * versions and fetch requests stored as JSON, specs read from their
 * definition's row, and credentials (a fetch request's auth, a bundle's
 * default instance auth) shown only with `webhooks.auth:read`, the scope behind
 * every outbound credential an application gives (Compass's @sanitize).
 */

export const versionOf = (row: { version: string | null }) => (row.version ? (JSON.parse(row.version) as StoredVersion) : null);

/** A spec, from its definition's row; null when it was given none. */
export const specOf = <Row extends { specType: string | null }>(row: Row) => (row.specType ? row : null);

/** The `FetchRequest` of a row that holds one, with the id its auth is sealed under. */
export const fetchRequestOf = (row: { fetchRequest: string | null; fetchAuthSealed: string | null }, sealId: string): FetchRequestMapper | null =>
  row.fetchRequest ? { fetchRequest: row.fetchRequest, fetchAuthSealed: row.fetchAuthSealed, sealId } : null;

/** A definition's row, where its spec lives (API and event definitions). */
interface SpecRow {
  specId: string | null;
  specData: string | null;
  specFormat: string | null;
  specType: string | null;
  fetchRequest: string | null;
  fetchAuthSealed: string | null;
}

/** APISpec's and EventSpec's fields, read from their definition's row; the fetch request's auth is sealed under the spec's id. */
export const specFields = {
  id: (row: SpecRow) => row.specId!,
  data: (row: SpecRow) => row.specData,
  format: (row: SpecRow) => row.specFormat as never,
  type: (row: SpecRow) => row.specType as never,
  fetchRequest: (row: SpecRow) => fetchRequestOf(row, row.specId!),
};

/** Credentials as the shared `Auth` type answers them, to callers allowed to see them. */
export const authView = (ctx: GraphQLContext, open: () => StoredAuth | null) => {
  if (!hasScope(ctx.principal, SCOPES.webhooksAuthRead)) return null;
  const auth = open();
  return auth ? { webhookAuth: auth } : null;
};

export const fetchRequestFields = {
  url: (row: FetchRequestMapper) => parsedFetchRequest(row.fetchRequest)!.url,
  mode: (row: FetchRequestMapper) => parsedFetchRequest(row.fetchRequest)!.mode,
  filter: (row: FetchRequestMapper) => parsedFetchRequest(row.fetchRequest)!.filter,
  status: (row: FetchRequestMapper) => parsedFetchRequest(row.fetchRequest)!.status,
  auth: (row: FetchRequestMapper, _args: unknown, ctx: GraphQLContext) => authView(ctx, () => fetchAuthOf(row.sealId, row.fetchAuthSealed)),
};

/** Compass's ORD fields no API here sets. */
export const unsetOrdFields = { deletedAt: () => null, error: () => null };
