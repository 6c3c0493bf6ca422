import { httpHeadersSerialized as scalar } from "../string-lists";

export const HttpHeadersSerialized = scalar;
