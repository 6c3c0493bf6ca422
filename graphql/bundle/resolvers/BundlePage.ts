import type { BundlePageResolvers } from "@/graphql/types.generated";
import { pageFields } from "@/graphql/base/page-fields";

export const BundlePage: BundlePageResolvers = pageFields;
