import type { DocumentPageResolvers } from "@/graphql/types.generated";
import { pageFields } from "@/graphql/base/page-fields";

export const DocumentPage: DocumentPageResolvers = pageFields;
