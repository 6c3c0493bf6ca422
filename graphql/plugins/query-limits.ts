import {
  type DocumentNode,
  type FieldDefinitionNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLNamedType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getNamedType,
  getNullableType,
  getOperationAST,
  isAbstractType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  isNonNullType,
  defaultFieldResolver,
  type GraphQLField,
  type GraphQLFieldResolver,
  visit,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { MAX_PAGE_SIZE } from "@/domain/paging/cursor";
import { FIRST_PAGES_PER_STATEMENT } from "@/domain/paging/keyset";
import { PageMeter, costLimitError, meteredObject, startMeter, unbatchingArguments } from "@/graphql/base/page-meter";

/**
 * Refuses documents that would cost the server far more than any real client
 * needs, before graphql-js validates them and long before they run:
 * - too many tokens (checked while parsing, before any tree is built);
 * - too many fields, aliases or directives in the document (these bound the
 *   work of graphql-js's own rules, whose field-overlap check compares fields
 *   pairwise);
 * - per operation: too deep, too many root fields (each one is its own
 *   database work), or too expensive.
 *
 * Cost: every field costs 1; a field that reads the database (a root field, a
 * paged field, `totalCount`) costs `databaseCost` more; a paged field
 * multiplies its rows (the list fields below it, `data`) by its page size
 * (`first`, its default when omitted, the largest page when it is a
 * variable); the rest of the page (`pageInfo`, `totalCount`) counts once. A
 * query's page without `first` is charged as it runs instead
 * (graphql/base/page-meter.ts, decision 0026): here its rows count 0, and
 * the request's meter adds the rows it reads × one row's cost. Fragments on
 * different object types of a union or an interface count as the costliest.
 * Introspection fields are
 * exempt so GraphiQL's schema query keeps working (graphql-js limits their
 * depth itself). A field the schema does not have costs nothing, since
 * validation refuses it before anything runs, but counts everywhere else. A
 * paged field marked `@pageRows(max: n)` in the schema answers at most n rows
 * whatever `first` says; `max: 0` (a page of a domain not built yet, always
 * empty) reads nothing, so it and what is below it cost 1.
 *
 * Every measure is linear in the document: a fragment is measured once however
 * often it is spread, and measuring stops as soon as a limit is passed.
 * docs/decisions/0006-graphql-query-limits.md has the figures.
 */
export interface QueryLimits {
  maxTokens: number;
  /** Brackets ({, (, [) open at once anywhere in the text, checked before parsing. */
  maxNesting: number;
  maxDepth: number;
  maxCost: number;
  /** Root fields per operation, fragments expanded. */
  maxRootFields: number;
  /** Field selections written in the document (not expanded). */
  maxFields: number;
  maxAliases: number;
  maxDirectives: number;
  /**
   * Fields with one response name in one selection set, fragments expanded:
   * graphql-js compares such fields pairwise (OverlappingFieldsCanBeMerged).
   */
  maxSameNameFields: number;
  /** What a field that queries the database adds to the cost. */
  databaseCost: number;
}

export const DEFAULT_QUERY_LIMITS = {
  maxTokens: 5000,
  maxNesting: 64,
  maxRootFields: 20,
  maxFields: 1000,
  maxAliases: 30,
  maxDirectives: 50,
  maxSameNameFields: 10,
  databaseCost: 10,
} as const;

function limitError(message: string) {
  return new GraphQLError(message, { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
}

/** Thrown inside the measurement to stop at the first limit passed. */
class LimitExceeded extends Error {}

interface Measure {
  depth: number;
  cost: number;
  /** Fields at the top of the selection set, fragments expanded. */
  width: number;
  /** The part of `cost` in list fields at the top of the set: what a page above multiplies by its size. */
  rows: number;
  /**
   * Inside a metered row (decision 0034): the part of `cost` the row's charge leaves out, because the meter charges it
   * apart: the selections of objects charged only when present, and the reads of pages batched across rows.
   */
  deferred: number;
  /** What the statements of batched pages' reads cost (their reads and counts being `deferred`): charged once a statement, for a hundred rows. */
  batched: number;
  /** What `totalCount` fields at the top of the set read: a batched page counts its parents' totals in its statements. */
  counts: number;
  /** Whether a paged field is anywhere in or below the set: an object holding one is charged with its row, never apart. */
  pages: boolean;
}

const NOTHING: Measure = { depth: 0, cost: 0, width: 0, rows: 0, deferred: 0, batched: 0, counts: 0, pages: false };

/** What execution needs to meter a document's pages: each operation's static cost and each metered page's row cost. */
interface MeterPlan {
  operationCosts: Map<OperationDefinitionNode, number>;
  /** A row's cost of each metered row list, and a present object's of each object field charged when present. */
  rowCosts: Map<FieldNode, number>;
  /** What the batched pages in a metered row list's rows read a statement (FIRST_PAGES_PER_STATEMENT rows). */
  batchCosts: Map<FieldNode, number>;
  /** Where each node of `rowCosts` is (figures only): the page whose rows it is, or the object's field; the row list it is in. */
  placement: Map<FieldNode, { page: string; within: FieldNode | null; object: boolean }>;
}

/** What the limits measure in a document: the largest figure of any operation, and the work spent measuring. */
export interface DocumentMeasure {
  fields: number;
  aliases: number;
  directives: number;
  depth: number;
  cost: number;
  rootFields: number;
  sameNameFields: number;
  /** Selections visited while measuring: linear in the document, however its fragments are spread. */
  visits: number;
  /** A query's pages charged as they run (without `first`): their rows count 0 in `cost`. */
  meteredPages: number;
  /** The cost with every page charged at its page size before it runs, as a mutation's are: the worst case the meter bounds. */
  fullCost: number;
}

function documentCounts(document: DocumentNode) {
  let fields = 0;
  let aliases = 0;
  let directives = 0;
  // The document is already within the token limit: counting it all is cheap.
  visit(document, {
    Field(node) {
      fields++;
      if (node.alias) aliases++;
    },
    Directive() {
      directives++;
    },
  });
  return { fields, aliases, directives };
}

function countsError({ fields, aliases, directives }: ReturnType<typeof documentCounts>, limits: QueryLimits): GraphQLError | null {
  if (fields > limits.maxFields) return limitError(`Document selects more than ${limits.maxFields} fields`);
  if (aliases > limits.maxAliases) return limitError(`Document has more than ${limits.maxAliases} aliases`);
  if (directives > limits.maxDirectives) return limitError(`Document has more than ${limits.maxDirectives} directives`);
  return null;
}

/**
 * The most rows a field's `@pageRows(max: n)` says it answers, or no bound.
 * Read from the schema's own definition (its AST node), never from the request.
 */
export function pageRowsOf(definition: { astNode?: FieldDefinitionNode | null } | undefined): number {
  const directive = definition?.astNode?.directives?.find((node) => node.name.value === "pageRows");
  const max = directive?.arguments?.find((arg) => arg.name.value === "max")?.value;
  return max?.kind === Kind.INT ? Number(max.value) : Number.POSITIVE_INFINITY;
}

/** Whether a type is a page: rows in a `data` list, which is where the meter (graphql/base/page-meter.ts) counts them. */
function hasRowList(type: GraphQLNamedType | undefined): boolean {
  const data = type && isObjectType(type) ? type.getFields().data : undefined;
  return !!data && isListType(getNullableType(data.type));
}

class OperationMeasurer {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  /**
   * Each fragment's measure, computed once per way it can be measured (in a query or not, directly in a metered
   * page or not, below an empty page or not: at most eight, so still linear); null while it is being measured (a cycle).
   */
  private readonly measured = new Map<string, Measure | null>();
  reason = "";
  /** The largest figures of any operation so far, and the selections visited. */
  readonly largest = { depth: 0, cost: 0, rootFields: 0, sameNameFields: 0, visits: 0, meteredPages: 0 };
  readonly plan: MeterPlan = { operationCosts: new Map(), rowCosts: new Map(), batchCosts: new Map(), placement: new Map() };
  /** Queries meter their default pages; a mutation's are charged in full, since refusing it after its write would misreport the write. */
  private metering = false;
  /** How many `@pageRows(max: 0)` pages the measuring is inside: nothing there runs, so its cost is not judged (depth still is). */
  private insideEmptyPage = 0;
  /**
   * Whether the measuring is inside a metered page's rows, where the meter charges present objects and batched reads
   * apart from the row (decision 0034); not inside a page with an explicit size, whose rows are judged here in full.
   */
  private insideRow = false;
  /** The paged field being measured and the metered row list it is in: where a row list or an object is (figures only). */
  private page = "";
  private row: FieldNode | null = null;

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly limits: QueryLimits,
    /** Off: every page is charged at its size here (figures only: the plugin always meters queries). */
    private readonly meter = true,
    /** Off: nothing is charged apart from its row, as decision 0026 had it (figures only). */
    private readonly apart = true,
  ) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
    }
  }

  private exceeded(reason: string): never {
    this.reason = reason;
    throw new LimitExceeded(reason);
  }

  private check(measure: Measure): Measure {
    if (measure.depth > this.limits.maxDepth) {
      this.exceeded(`Query is nested ${measure.depth} levels deep; the limit is ${this.limits.maxDepth}`);
    }
    if (this.insideEmptyPage === 0 && measure.cost > this.limits.maxCost) this.exceeded(costLimitError(this.limits.maxCost).message);
    return measure;
  }

  private pageSize(field: FieldNode, definition: { args: readonly { name: string; defaultValue?: unknown }[] } | undefined): number {
    const first = field.arguments?.find((arg) => arg.name.value === "first");
    if (first) {
      // A variable's value is not known during validation: assume the largest page.
      return first.value.kind === Kind.INT ? Math.max(1, Number(first.value.value)) : MAX_PAGE_SIZE;
    }
    const declared = definition?.args.find((arg) => arg.name === "first");
    if (!declared) return 1;
    return typeof declared.defaultValue === "number" ? Math.max(1, declared.defaultValue) : MAX_PAGE_SIZE;
  }

  private isRoot(type: GraphQLNamedType | undefined): boolean {
    return !!type && (type === this.schema.getQueryType() || type === this.schema.getMutationType() || type === this.schema.getSubscriptionType());
  }

  /** `inMeteredPage`: the field is directly in the selection of a metered page (through fragments), where its rows are. */
  private fieldMeasure(field: FieldNode, parent: GraphQLNamedType | undefined, inMeteredPage: boolean): Measure {
    const definition = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[field.name.value] : undefined;
    const type = definition ? getNamedType(definition.type) : undefined;
    const list = !!definition && isListType(getNullableType(definition.type));
    const paged = !!definition?.args.some((arg) => arg.name === "first");
    // A query's page without `first` (the server's default size) is charged as it runs, for the rows it reads: its
    // worst case (a default page of 200 in each of 200 items) is no client's intent. An explicit `first` (or a
    // variable) is the client's figure, and is judged here in full. A paged field that is itself a list has no
    // `data`, which is where the meter counts, so it is judged here too.
    // Nothing runs in or below a `@pageRows(max: 0)` page, so nothing there is metered either.
    // Only a page type (one with a `data` row list, graphql/base/page-fields.ts) has the meter; a paged field
    // answering anything else (globalSearch's lists of at most `first` each) is judged here at its page size.
    const maxRows = pageRowsOf(definition);
    const metered =
      this.metering &&
      paged &&
      !list &&
      hasRowList(type) &&
      maxRows > 0 &&
      this.insideEmptyPage === 0 &&
      !field.arguments?.some((arg) => arg.name.value === "first");
    // The rows of a metered page: below them, present objects and batched reads are charged apart (decision 0034).
    const rowList = inMeteredPage && list;
    const outerRow = this.insideRow && this.apart;
    const [outerPage, outerRowNode] = [this.page, this.row];
    if (paged) this.page = field.name.value;
    if (rowList) [this.insideRow, this.row] = [true, field];
    // Below a page judged here at its size (or an empty one), every row is charged in full.
    else if (paged && !metered) this.insideRow = false;
    if (maxRows === 0) this.insideEmptyPage++;
    let below: Measure;
    try {
      below = field.selectionSet ? this.set(field.selectionSet, type && isCompositeType(type) ? type : undefined, metered) : NOTHING;
    } finally {
      if (maxRows === 0) this.insideEmptyPage--;
      [this.insideRow, this.page, this.row] = [outerRow, outerPage, outerRowNode];
    }
    // Introspection's depth is graphql-js's to limit (MaxIntrospectionDepthRule): GraphiQL's schema query is deeper than any API query.
    const introspection = field.name.value.startsWith("__") || !!parent?.name.startsWith("__");
    const depth = introspection ? 0 : below.depth + 1;
    // A field the schema does not have never runs: graphql-js refuses the document right after this
    // pass (FieldsOnCorrectTypeRule). It counts toward depth and the document caps, which bound the
    // work of parsing and validating it, but adds no execution cost, and neither does what is below it.
    if (!definition && !introspection) return this.check({ ...NOTHING, depth, width: 1 });
    const pageSize = metered ? 0 : Math.min(this.pageSize(field, definition), maxRows);
    if (metered) this.largest.meteredPages++;
    const readsDatabase = (this.isRoot(parent) || paged || field.name.value === "totalCount") && maxRows > 0;
    // A page's size multiplies its rows; a paged field that is itself a list multiplies all below it.
    const perRow = list ? below.cost : below.rows;
    const cost =
      maxRows === 0
        ? // Nothing below an empty page runs (and 0 × a runaway figure stays 0).
          1
        : 1 + (readsDatabase ? this.limits.databaseCost : 0) + (paged ? below.cost - perRow + (pageSize === 0 ? 0 : pageSize * perRow) : below.cost);
    const measure: Measure = {
      depth,
      cost,
      width: 1,
      rows: list ? cost : 0,
      deferred: maxRows === 0 ? 0 : below.deferred,
      batched: maxRows === 0 ? 0 : below.batched,
      counts: readsDatabase && field.name.value === "totalCount" ? this.limits.databaseCost : 0,
      pages: paged || below.pages,
    };
    if (rowList) {
      // One row of a metered page: what the meter charges per row it reads, but for what it charges apart. Judged by
      // check() in full like any figure, so a row that alone costs more than the limit is refused here.
      this.plan.rowCosts.set(field, cost - below.deferred);
      this.plan.placement.set(field, { page: outerPage, within: outerRowNode, object: false });
      if (below.batched > 0) this.plan.batchCosts.set(field, below.batched);
      measure.deferred = measure.batched = 0;
    } else if (
      outerRow &&
      definition &&
      !introspection &&
      !list &&
      !paged &&
      !below.pages &&
      type &&
      isCompositeType(type) &&
      !isNonNullType(definition.type)
    ) {
      // An object that may be null, with nothing paged below, in a metered row: its selection runs only when it is
      // there, so the meter charges it then (meteredObject, graphql/base/page-meter.ts) and the row leaves it out.
      this.plan.rowCosts.set(field, below.cost - below.deferred);
      this.plan.placement.set(field, { page: field.name.value, within: outerRowNode, object: true });
      measure.deferred = below.cost;
      measure.batched = 0;
    } else if (metered && outerRow && this.batchedRead(field, definition)) {
      // A default page in a metered row read for a hundred rows a statement: its read and its total leave the row,
      // and its statements are charged instead, for a hundred rows each: the count, the ids and the rows
      // (firstKeysetPages, domain/paging/keyset.ts, counts whether or not the total is asked for).
      measure.deferred += this.limits.databaseCost + below.counts;
      measure.batched += 3 * this.limits.databaseCost;
    }
    return this.check(measure);
  }

  /**
   * Whether a page field reads its first pages in one statement for a hundred parents (its field says so,
   * batchedFirstPages in graphql/base/page-meter.ts) in this request: an `after` reads one parent's page alone.
   * Its statements: the pages' ids, their rows, and the totals when asked for (domain/paging/keyset.ts, firstKeysetPages).
   */
  private batchedRead(field: FieldNode, definition: GraphQLField<unknown, unknown> | undefined): boolean {
    const unbatchedBy = unbatchingArguments(definition);
    return !!unbatchedBy && !field.arguments?.some((arg) => unbatchedBy.includes(arg.name.value));
  }

  private fragmentMeasure(name: string, inMeteredPage: boolean): Measure {
    const key = `${name}|${this.metering ? 1 : 0}${inMeteredPage ? 1 : 0}${this.insideEmptyPage > 0 ? 1 : 0}${this.insideRow ? 1 : 0}`;
    const known = this.measured.get(key);
    if (known) return known;
    const fragment = this.fragments.get(name);
    // Unknown fragments and cycles are graphql-js's to report (KnownFragmentNames, NoFragmentCycles).
    if (!fragment || known === null) return NOTHING;
    this.measured.set(key, null);
    const measure = this.set(fragment.selectionSet, this.schema.getType(fragment.typeCondition.name.value), inMeteredPage);
    this.measured.set(key, measure);
    return measure;
  }

  set(selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined, inMeteredPage: boolean): Measure {
    let depth = 0;
    let cost = 0;
    let width = 0;
    let rows = 0;
    let deferred = 0;
    let batched = 0;
    let counts = 0;
    let pages = false;
    // On a union or an interface, fragments on different object types exclude each other: an object has one type,
    // so only the costliest type's fragments can run (Compass selects each credential type this way).
    const abstract = !!parent && isAbstractType(parent);
    let byType: Map<string, { cost: number; rows: number }> | undefined;
    let alternative = { cost: 0, rows: 0 };
    for (const selection of selectionSet.selections) {
      this.largest.visits++;
      let inner: Measure;
      let typeCondition: string | undefined;
      if (selection.kind === Kind.FIELD) {
        inner = this.fieldMeasure(selection, parent, inMeteredPage);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : parent;
        typeCondition = selection.typeCondition?.name.value;
        inner = this.set(selection.selectionSet, type ?? undefined, inMeteredPage);
      } else {
        typeCondition = this.fragments.get(selection.name.value)?.typeCondition.name.value;
        inner = this.fragmentMeasure(selection.name.value, inMeteredPage);
      }
      depth = Math.max(depth, inner.depth);
      width += inner.width;
      counts = Math.max(counts, inner.counts);
      pages ||= inner.pages;
      if (abstract && typeCondition && isObjectType(this.schema.getType(typeCondition))) {
        byType ??= new Map();
        const sum = byType.get(typeCondition) ?? { cost: 0, rows: 0 };
        byType.set(typeCondition, { cost: sum.cost + inner.cost, rows: sum.rows + inner.rows });
        alternative = { cost: Math.max(alternative.cost, sum.cost + inner.cost), rows: Math.max(alternative.rows, sum.rows + inner.rows) };
      } else {
        // Only outside such alternatives is anything charged apart: the costliest alternative is charged with its row in full.
        cost += inner.cost;
        rows += inner.rows;
        deferred += inner.deferred;
        batched += inner.batched;
      }
      this.check({ ...NOTHING, depth, cost: cost + alternative.cost, width });
    }
    return { depth, cost: cost + alternative.cost, width, rows: rows + alternative.rows, deferred, batched, counts, pages };
  }

  /**
   * Counts the fields that share each response path once selection sets are
   * merged (fragments expanded, each once per set, as graphql-js and
   * execution merge them). graphql-js's OverlappingFieldsCanBeMerged compares
   * the fields of one path pairwise, so its work grows with the square of
   * these counts. Runs only once the cost is within its limit, which bounds
   * the fields visited here.
   */
  private mergedPaths(sets: readonly { set: SelectionSetNode; expanded: ReadonlySet<string> }[]): void {
    const groups = new Map<string, { count: number; sets: { set: SelectionSetNode; expanded: ReadonlySet<string> }[] }>();
    const collect = (set: SelectionSetNode, expanded: Set<string>) => {
      for (const selection of set.selections) {
        this.largest.visits++;
        if (selection.kind === Kind.FIELD) {
          const name = (selection.alias ?? selection.name).value;
          let group = groups.get(name);
          if (!group) groups.set(name, (group = { count: 0, sets: [] }));
          this.largest.sameNameFields = Math.max(this.largest.sameNameFields, ++group.count);
          if (group.count > this.limits.maxSameNameFields) {
            this.exceeded(`More than ${this.limits.maxSameNameFields} fields answer to "${name}" in one place`);
          }
          // Below, the fragments expanded on the way down are not expanded again (a cycle, which graphql-js reports).
          if (selection.selectionSet) group.sets.push({ set: selection.selectionSet, expanded });
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          collect(selection.selectionSet, expanded);
        } else {
          const fragment = this.fragments.get(selection.name.value);
          if (!fragment || expanded.has(selection.name.value)) continue;
          expanded.add(selection.name.value);
          collect(fragment.selectionSet, expanded);
        }
      }
    };
    for (const { set, expanded } of sets) collect(set, new Set(expanded));
    for (const group of groups.values()) {
      if (group.sets.length > 0) this.mergedPaths(group.sets);
    }
  }

  document(document: DocumentNode): void {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION) this.operation(definition);
    }
  }

  private operation(operation: OperationDefinitionNode): void {
    const root =
      operation.operation === "query"
        ? this.schema.getQueryType()
        : operation.operation === "mutation"
          ? this.schema.getMutationType()
          : this.schema.getSubscriptionType();
    this.metering = this.meter && operation.operation === "query";
    const { depth, cost, width } = this.set(operation.selectionSet, root ?? undefined, false);
    this.plan.operationCosts.set(operation, cost);
    this.largest.depth = Math.max(this.largest.depth, depth);
    this.largest.cost = Math.max(this.largest.cost, cost);
    this.largest.rootFields = Math.max(this.largest.rootFields, width);
    if (width > this.limits.maxRootFields) {
      this.exceeded(`Operation selects ${width} root fields; the limit is ${this.limits.maxRootFields}`);
    }
    this.mergedPaths([{ set: operation.selectionSet, expanded: new Set() }]);
  }
}

/** The limits' verdict on a document: the first limit it passes, or how to meter its pages while it runs (null: none). */
interface Verdict {
  error: GraphQLError | null;
  plan: MeterPlan | null;
}

function verdictOf(schema: GraphQLSchema, document: DocumentNode, limits: QueryLimits): Verdict {
  const counted = countsError(documentCounts(document), limits);
  if (counted) return { error: counted, plan: null };
  const measurer = new OperationMeasurer(schema, document, limits);
  try {
    measurer.document(document);
  } catch (error) {
    if (error instanceof LimitExceeded) return { error: limitError(measurer.reason), plan: null };
    throw error;
  }
  return { error: null, plan: measurer.plan.rowCosts.size > 0 ? measurer.plan : null };
}

/** The first limit the document passes, or null. Linear in the document's size. */
export function queryLimitError(schema: GraphQLSchema, document: DocumentNode, limits: QueryLimits): GraphQLError | null {
  return verdictOf(schema, document, limits).error;
}

const UNLIMITED: QueryLimits = {
  maxTokens: Number.POSITIVE_INFINITY,
  maxNesting: Number.POSITIVE_INFINITY,
  maxDepth: Number.POSITIVE_INFINITY,
  maxCost: Number.POSITIVE_INFINITY,
  maxRootFields: Number.POSITIVE_INFINITY,
  maxFields: Number.POSITIVE_INFINITY,
  maxAliases: Number.POSITIVE_INFINITY,
  maxDirectives: Number.POSITIVE_INFINITY,
  maxSameNameFields: Number.POSITIVE_INFINITY,
  databaseCost: DEFAULT_QUERY_LIMITS.databaseCost,
};

/**
 * Every figure the limits judge, measured without stopping at a limit: how
 * the limits are derived from real documents (decision 0006), and how a test
 * proves the work stays linear.
 */
export function measureDocument(schema: GraphQLSchema, document: DocumentNode): DocumentMeasure {
  const measurer = new OperationMeasurer(schema, document, UNLIMITED);
  measurer.document(document);
  const full = new OperationMeasurer(schema, document, UNLIMITED, false);
  full.document(document);
  return { ...documentCounts(document), ...measurer.largest, fullCost: full.largest.cost };
}

/**
 * What the meter charges in a document, by the field's name: a row's cost of each metered page's list field (and
 * what its batched pages read a statement), and a present object's cost of each object charged when present: how
 * decisions 0026 and 0034 take their figures.
 */
export function meteredRowCosts(schema: GraphQLSchema, document: DocumentNode): { field: string; perRow: number; perStatement: number }[] {
  const measurer = new OperationMeasurer(schema, document, UNLIMITED);
  measurer.document(document);
  const { rowCosts, batchCosts } = measurer.plan;
  return [...rowCosts].map(([node, perRow]) => ({ field: node.name.value, perRow, perStatement: batchCosts.get(node) ?? 0 }));
}

/**
 * What the meter charges a query at a volume (figures only, decision 0034): `rowsOf(page)` rows in each metered
 * page a parent, every object that may be null present (its worst case), plus the cost judged before it runs.
 * `apart: false` charges as decision 0026 did: each row in full, batched reads and objects included.
 */
export function meteredCostAt(schema: GraphQLSchema, document: DocumentNode, rowsOf: (page: string) => number, apart = true): number {
  const measurer = new OperationMeasurer(schema, document, UNLIMITED, true, apart);
  measurer.document(document);
  const { rowCosts, batchCosts, placement } = measurer.plan;
  const counted = new Map<FieldNode, number>();
  const countOf = (node: FieldNode): number => {
    let count = counted.get(node);
    if (count === undefined) {
      const { page, within, object } = placement.get(node)!;
      const parents = within ? countOf(within) : 1;
      counted.set(node, (count = object ? parents : parents * rowsOf(page)));
    }
    return count;
  };
  let cost = measurer.largest.cost;
  for (const [node, perRow] of rowCosts) cost += countOf(node) * perRow;
  for (const [node, perStatement] of batchCosts) cost += Math.ceil(countOf(node) / FIRST_PAGES_PER_STATEMENT) * perStatement;
  return cost;
}

const wrappedSchemas = new WeakSet<GraphQLSchema>();

/**
 * Wraps the resolver of every object field that may answer null (not a page,
 * not a list) so that, in a request whose meter charges its selection when
 * present, it does (meteredObject); in any other request it costs one WeakMap
 * lookup. The schema's fields are changed in place, once.
 */
function chargeObjectsWhenPresent(schema: GraphQLSchema): void {
  if (wrappedSchemas.has(schema)) return;
  wrappedSchemas.add(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (isNonNullType(field.type) || isListType(field.type) || !isCompositeType(named) || hasRowList(named)) continue;
      const resolve: GraphQLFieldResolver<unknown, object> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => meteredObject(resolve(source, args, context, info), context, info);
    }
  }
}

/**
 * The deepest bracket nesting in a document's text, outside strings and
 * comments; stops counting past `max`. graphql-js's parser recurses once per
 * level, and a few thousand levels (well within the token limit) overflow the
 * call stack, so nesting is checked before parsing.
 */
export function nestingOf(text: string, max: number): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "#") {
      while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
    } else if (char === '"') {
      if (text.startsWith('"""', i)) {
        i += 3;
        while (i < text.length && !text.startsWith('"""', i)) i += text.startsWith('\\"""', i) ? 4 : 1;
        i += 2;
      } else {
        i++;
        while (i < text.length && text[i] !== '"' && text[i] !== "\n") i += text[i] === "\\" ? 2 : 1;
      }
    } else if (char === "{" || char === "(" || char === "[") {
      if (++depth > deepest && (deepest = depth) > max) return deepest;
    } else if (char === "}" || char === ")" || char === "]") {
      depth--;
    }
  }
  return deepest;
}

const nestedTooDeeply = (max: number) =>
  new GraphQLError(`Syntax Error: Document nests brackets more than ${max} levels deep.`, { extensions: { code: "GRAPHQL_PARSE_FAILED" } });

export function useQueryLimits(limits: QueryLimits): Plugin {
  const verdicts = new WeakMap<DocumentNode, Verdict>();
  const verdict = (schema: GraphQLSchema, document: DocumentNode) => {
    let known = verdicts.get(document);
    if (!known) verdicts.set(document, (known = verdictOf(schema, document, limits)));
    return known;
  };
  return {
    // Objects charged when present (decision 0034) are charged by their fields' resolvers.
    onSchemaChange({ schema }) {
      chargeObjectsWhenPresent(schema);
    },
    // Around the parse function set so far, so that other parse-step plugins (graphql/plugins/empty-argument-lists.ts) compose with it.
    onParse({ parseFn, setParseFn }) {
      setParseFn((source, options) => {
        const text = typeof source === "string" ? source : source.body;
        if (nestingOf(text, limits.maxNesting) > limits.maxNesting) throw nestedTooDeeply(limits.maxNesting);
        return parseFn(source, { ...options, maxTokens: limits.maxTokens });
      });
    },
    // Before graphql-js's own rules: a refused document costs only this linear pass.
    onValidate({ params, setResult }) {
      // Yoga's parse cache hands back the same document object for the same text: measure it once.
      const { error } = verdict(params.schema, params.documentAST);
      if (error) setResult([error]);
    },
    // Only a query with a metered page gets a meter; every other request pays one WeakMap lookup here.
    onExecute({ args }) {
      const { plan } = verdict(args.schema, args.document);
      if (!plan) return;
      const operation = getOperationAST(args.document, args.operationName);
      const cost = operation?.operation === "query" ? plan.operationCosts.get(operation) : undefined;
      if (cost === undefined) return;
      const meter = new PageMeter(cost, limits.maxCost, plan.rowCosts, plan.batchCosts);
      startMeter(args.contextValue as object, meter);
      return {
        // A request refused while it ran answers the refusal alone, as one refused before it ran: nothing half-returned.
        onExecuteDone({ setResult }) {
          if (meter.refusal) setResult({ errors: [meter.refusal] });
        },
      };
    },
  };
}
