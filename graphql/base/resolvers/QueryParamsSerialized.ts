import { queryParamsSerialized as scalar } from "../string-lists";

export const QueryParamsSerialized = scalar;
