import { queryParams as scalar } from "../string-lists";

export const QueryParams = scalar;
