import { queryParams as scalar } from "@/graphql/base/string-lists";

export const QueryParams = scalar;
