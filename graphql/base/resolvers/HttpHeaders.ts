import { httpHeaders as scalar } from "@/graphql/base/string-lists";

export const HttpHeaders = scalar;
