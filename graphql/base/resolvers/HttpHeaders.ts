import { httpHeaders as scalar } from "../string-lists";

export const HttpHeaders = scalar;
