import { httpHeadersSerialized as scalar } from "@/graphql/base/string-lists";

export const HttpHeadersSerialized = scalar;
