import type { LazyPage } from "@/domain/paging/cursor";

/** Every list's page type (`data`, `totalCount`; pageInfo is the page's own): the total is counted only when asked for. */
export const pageFields = {
  data: <Row>(page: LazyPage<Row>) => page.rows,
  totalCount: <Row>(page: LazyPage<Row>) => page.countTotal(),
};
