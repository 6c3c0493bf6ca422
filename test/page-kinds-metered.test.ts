/**
 * Decision 0026: a query's page without `first` is charged 0 rows before it
 * runs and its rows as they are read, in pageFields.data
 * (graphql/base/page-fields.ts). A page type whose row list resolves any
 * other way would escape the meter, so every field with a `first` argument in
 * the served schema must answer a page whose `data` is pageFields.data.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type FieldDefinitionNode,
  type FieldNode,
  type GraphQLResolveInfo,
  Kind,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  parse,
} from "graphql";
import { createSchema } from "graphql-yoga";
import { PageMeter, startMeter } from "@/graphql/base/page-meter";
import { measureDocument } from "@/graphql/plugins/query-limits";
import { resolvers } from "@/graphql/resolvers.generated";
import { typeDefs } from "@/graphql/typeDefs.generated";

function alwaysEmpty(node: FieldDefinitionNode | null | undefined): boolean {
  const mark = node?.directives?.find((directive) => directive.name.value === "pageRows");
  const max = mark?.arguments?.find((argument) => argument.name.value === "max")?.value;
  return max?.kind === Kind.INT && Number(max.value) === 0;
}

test("every page of the served schema charges its rows through pageFields.data", () => {
  const schema = createSchema({ typeDefs, resolvers });
  const pages = new Map<string, string[]>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.some((arg) => arg.name === "first")) continue;
      // A paged field that is itself a list is charged in full before it runs (graphql/plugins/query-limits.ts),
      // and one marked @pageRows(max: 0) reads nothing (a domain not built yet): neither is metered.
      if (isListType(getNullableType(field.type)) || alwaysEmpty(field.astNode)) continue;
      const page = getNamedType(field.type);
      // A paged field answering no page (no `data` rows: globalSearch's lists of at most `first` each) is judged before it runs, at its size.
      if (!isObjectType(page) || !page.getFields().data) continue;
      pages.set(page.name, [...(pages.get(page.name) ?? []), `${type.name}.${field.name}`]);
    }
  }
  assert.ok(pages.size >= 6, [...pages.keys()].join(", "));
  for (const [name, fields] of pages) {
    const page = schema.getType(name);
    assert.ok(isObjectType(page), name);
    const data = page.getFields().data;
    assert.ok(data?.resolve && isListType(getNullableType(data.type)), `${name} (of ${fields.join(", ")}) has a row list named data`);
    // The schema holds bound copies of the resolvers, so this asks what the resolver does: a metered request whose
    // budget is spent is refused as soon as this page hands over a row.
    const node: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: "data" } };
    const context = {};
    startMeter(context, new PageMeter(0, 0, new Map([[node, 1]])));
    const answer = { rows: [{ id: "row" }], pageInfo: { startCursor: "", endCursor: "", hasNextPage: false }, countTotal: async () => 1 };
    assert.throws(
      () => data.resolve!(answer, {}, context, { fieldNodes: [node] } as unknown as GraphQLResolveInfo),
      /cost more than 0/,
      `${name}.data (of ${fields.join(", ")}) must answer through pageFields.data, or its rows escape the meter`,
    );
  }
});

test("a paged field that answers no page (globalSearch) is charged before it runs at its page size, never left to the meter", () => {
  const schema = createSchema({ typeDefs, resolvers });
  const costOf = (args: string) => {
    const measure = measureDocument(schema, parse(`{ globalSearch(query: "a"${args}) { applications { id name } runtimes { id name } } }`));
    assert.equal(measure.meteredPages, 0, "nothing of it is metered");
    return measure.cost;
  };
  // The default (5) and an explicit 10 are each charged for what they can answer: twice the rows, nearly twice the cost.
  assert.ok(costOf(", first: 10") > costOf("") * 1.5, `${costOf("")} then ${costOf(", first: 10")}`);
});
