import { type FieldNode, GraphQLError, type GraphQLResolveInfo } from "graphql";
import { FIRST_PAGES_PER_STATEMENT } from "@/domain/paging/keyset";

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
  /** Rows charged so far for each row list with batched pages in its rows: where the next statement of those pages starts. */
  private readonly rowsSoFar = new Map<FieldNode, number>();

  constructor(
    /** The operation's static cost, which already counts each root page's read and its pageInfo and totalCount. */
    private spent: number,
    private readonly maxCost: number,
    /**
     * By node in the document: a row's cost for each list field (`data`) directly under a metered page, and the cost
     * of a present object's selection for each object field whose selection is charged only when it is not null
     * (decision 0034).
     */
    private readonly rowCosts: ReadonlyMap<FieldNode, number>,
    /**
     * By row list node: what the statements of the first pages batched inside its rows cost (count, ids, rows),
     * charged once per FIRST_PAGES_PER_STATEMENT rows, not once a row (decision 0034).
     */
    private readonly batchCosts: ReadonlyMap<FieldNode, number> = new Map(),
  ) {}

  /** Whether the field `info` resolves has a cost here for each row or present object. */
  chargesEach(info: GraphQLResolveInfo): boolean {
    return info.fieldNodes.some((node) => this.rowCosts.has(node));
  }

  /** Charges `rows` rows of the list field (or 1 present object of the field) `info` resolves, if it is metered here; throws past the limit. */
  charge(info: GraphQLResolveInfo, rows: number): void {
    if (this.refusal) throw this.refusal;
    if (rows === 0) return;
    let cost = 0;
    // Fields merged under one response name each carry their own selection.
    for (const node of info.fieldNodes) {
      // A row list in a fragment spread both in a metered page and in one with `first` is charged in both: over, never under.
      cost += rows * (this.rowCosts.get(node) ?? 0);
      const perStatement = this.batchCosts.get(node);
      if (perStatement === undefined) continue;
      // The pages inside these rows are read for FIRST_PAGES_PER_STATEMENT parents a statement: the rows that start
      // a new hundred start a new statement, charged before graphql-js resolves them (so before it is sent).
      const before = this.rowsSoFar.get(node) ?? 0;
      this.rowsSoFar.set(node, before + rows);
      cost += perStatement * (Math.ceil((before + rows) / FIRST_PAGES_PER_STATEMENT) - Math.ceil(before / FIRST_PAGES_PER_STATEMENT));
    }
    if (cost === 0) return;
    this.spent += cost;
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

/**
 * What an object field whose selection is charged only when present answers
 * (decision 0034): the object, its selection charged to the request's meter
 * first when it is not null. The query limits wrap such fields' resolvers
 * with this (graphql/plugins/query-limits.ts). A request whose meter does not
 * charge the field gets the resolver's answer as it is, for one WeakMap
 * lookup: no promise added.
 */
export function meteredObject<Value>(value: Value | Promise<Value>, context: object, info: GraphQLResolveInfo): Value | Promise<Value> {
  const meter = meters.get(context);
  if (!meter?.chargesEach(info)) return value;
  const charge = (present: Value) => {
    if (present != null) meter.charge(info, 1);
    return present;
  };
  return value instanceof Promise ? value.then(charge) : charge(value);
}

type Resolver = (...args: never[]) => unknown;

/**
 * A page field's resolver that reads its first pages for many parents in one
 * statement a hundred parents (graphql/context.ts, firstChildPages), unless
 * the request gives one of `unbatchedBy` (`after`: a page further on is read
 * alone). The query limits then charge that read once a statement instead of
 * once a parent (decision 0034). A resolver object, so the mark reaches the
 * schema's field as its `extensions` (graphql-tools binds a bare function,
 * which would lose it).
 */
export function batchedFirstPages<R extends Resolver>(resolve: R, unbatchedBy: readonly string[] = ["after"]) {
  return { resolve, extensions: { batchedFirstPages: unbatchedBy } };
}

/** The arguments that make a batched page field read alone, or null when its resolver reads a statement a parent. */
export function unbatchingArguments(field: { extensions?: Readonly<Record<string, unknown>> | null } | undefined): readonly string[] | null {
  return (field?.extensions?.batchedFirstPages as readonly string[] | undefined) ?? null;
}
