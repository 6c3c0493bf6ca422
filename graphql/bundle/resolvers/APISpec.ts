import type { APISpecResolvers } from "@/graphql/types.generated";
import { fetchRequestOf } from "@/graphql/bundle/catalog-fields";

export const APISpec: APISpecResolvers = {
  id: (row) => row.specId!,
  data: (row) => row.specData,
  format: (row) => row.specFormat as never,
  type: (row) => row.specType as never,
  fetchRequest: (row) => fetchRequestOf(row, row.specId!),
};
