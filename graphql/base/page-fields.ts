import type { GraphQLResolveInfo } from "graphql";
import type { LazyPage } from "@/domain/paging/cursor";
import { meteredRows } from "./page-meter";

/**
 * Every list's page type (`data`, `totalCount`; pageInfo is the page's own): the total is counted only when asked for.
 * `data` charges its rows to the request's page meter when the page is metered (graphql/base/page-meter.ts), so every
 * page kind that uses these is metered without code of its own.
 */
export const pageFields = {
  data: <Row>(page: LazyPage<Row>, _args: unknown, context: object, info: GraphQLResolveInfo) => meteredRows(page.rows, context, info),
  totalCount: <Row>(page: LazyPage<Row>) => page.countTotal(),
};
