import { type FieldNode, GraphQLError, type GraphQLResolveInfo } from "graphql";

/**
 * The query limits' cost refusal (graphql/plugins/query-limits.ts), one shape
 * whether the document is refused before it runs or while it runs: code
 * GRAPHQL_VALIDATION_FAILED, no data.
 */
export function costLimitError(maxCost: number): GraphQLError {
  return new GraphQLError(`Query would cost more than ${maxCost} (fields, database reads and page sizes); the limit is ${maxCost}`, {
    extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
  });
}

/**
 * Default pages are charged as they run (docs/decisions/0026-pages-charged-as-they-run.md).
 * A query's page without an explicit `first` (`runtimes { data {
 * runtimeContexts { ... } } }`) is charged 0 rows by the static check, which
 * cannot know how many parents will have how many rows (the worst case, 200
 * contexts in each of 200 runtimes, is no client's intent); instead, each
 * time such a page hands its rows to graphql-js, the request's meter adds
 * rows × the static cost of one row's selection (`rowCosts`, from the same
 * pass), and past the limit it refuses the request: the page answers no rows
 * (so nothing below them runs), every later page refuses too, and the plugin
 * replaces the whole result with the refusal. Each page's read is charged
 * before it starts (in the static cost, or in the row that holds it), so past
 * the limit only the rows of pages already being read are dropped.
 */
export class PageMeter {
  /** Set once the limit is passed: the whole request's answer. */
  refusal: GraphQLError | null = null;

  constructor(
    /** The operation's static cost, which already counts each metered page's read (per parent) and its pageInfo and totalCount. */
    private spent: number,
    private readonly maxCost: number,
    /** A row's cost for each list field (`data`) directly under a metered page, by its node in the document. */
    private readonly rowCosts: ReadonlyMap<FieldNode, number>,
  ) {}

  /** Charges `rows` rows of the list field `info` resolves, if it is metered here; throws past the limit. */
  charge(info: GraphQLResolveInfo, rows: number): void {
    if (this.refusal) throw this.refusal;
    let perRow = 0;
    // Fields merged under one response name each carry their own selection.
    for (const node of info.fieldNodes) perRow += this.rowCosts.get(node) ?? 0;
    // A row list in a fragment spread both in a metered page and in one with `first` is charged in both: over, never under.
    if (perRow === 0 || rows === 0) return;
    this.spent += rows * perRow;
    if (this.spent > this.maxCost) {
      this.refusal = costLimitError(this.maxCost);
      throw this.refusal;
    }
  }
}

/** The meter of each query whose document has a metered page, by its context object; other requests have none. */
const meters = new WeakMap<object, PageMeter>();

export function startMeter(context: object, meter: PageMeter): void {
  meters.set(context, meter);
}

/**
 * What every page type's row list answers (graphql/base/page-fields.ts): its
 * rows, charged to the request's meter first when it has one. One WeakMap
 * lookup per page resolved; nothing per field.
 */
export function meteredRows<Row>(rows: Row[], context: object, info: GraphQLResolveInfo): Row[] {
  meters.get(context)?.charge(info, rows.length);
  return rows;
}
