import { queryParamsSerialized as scalar } from "@/graphql/base/string-lists";

export const QueryParamsSerialized = scalar;
