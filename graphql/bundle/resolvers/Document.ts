import type { DocumentResolvers } from "@/graphql/types.generated";
import { fetchRequestOf, unsetOrdFields } from "@/graphql/bundle/catalog-fields";

export const Document: DocumentResolvers = {
  format: (row) => row.format as never,
  fetchRequest: (row) => fetchRequestOf(row, row.id),
  ...unsetOrdFields,
};
