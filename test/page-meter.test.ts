/**
 * Decision 0026 without a database: the page meter stops a request the
 * moment its rows pass the cost limit. A page over the limit hands no rows to
 * graphql-js, so nothing below them runs; every later page is refused too;
 * and the answer is the refusal alone.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createSchema, createYoga } from "graphql-yoga";
import { pageFields } from "@/graphql/base/page-fields";
import { DEFAULT_QUERY_LIMITS, useQueryLimits } from "@/graphql/plugins/query-limits";

const reads: string[] = [];
/** Parts pages whose rows were handed to graphql-js, and those refused. */
const handed = { parts: 0, refused: 0 };
const page = (kind: string, count: number) => {
  reads.push(kind);
  const rows = Array.from({ length: count }, (_, i) => ({ id: `${kind}-${i}` }));
  return { rows, pageInfo: { startCursor: "", endCursor: "", hasNextPage: false }, countTotal: async () => count };
};

const typeDefs = `
  type PageInfo { startCursor: String! endCursor: String! hasNextPage: Boolean! }
  type Item { id: ID! parts(first: Int = 100): PartPage! }
  type ItemPage { data: [Item!]! pageInfo: PageInfo! totalCount: Int! }
  type Part { id: ID! }
  type PartPage { data: [Part!]! pageInfo: PageInfo! totalCount: Int! }
  type Query { items(first: Int = 100, size: Int!): ItemPage! }`;

const yoga = createYoga({
  schema: createSchema({
    typeDefs,
    resolvers: {
      Query: { items: async (_: unknown, { size }: { size: number }) => page("items", size) },
      Item: { parts: async (item: { id: string }) => page(`parts of ${item.id}`, 10) },
      ItemPage: pageFields,
      PartPage: {
        ...pageFields,
        data: (...args: Parameters<typeof pageFields.data>) => {
          try {
            const rows = pageFields.data(...args);
            handed.parts++;
            return rows;
          } catch (error) {
            handed.refused++;
            throw error;
          }
        },
      },
    },
  }),
  plugins: [useQueryLimits({ ...DEFAULT_QUERY_LIMITS, maxDepth: 15, maxCost: 500 })],
  logging: false,
});

async function run(query: string) {
  reads.length = 0;
  handed.parts = 0;
  handed.refused = 0;
  const response = await yoga.fetch("http://test/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: unknown; errors?: { message: string; extensions: { code: string } }[] };
}

test("rows within the limit are answered; rows past it stop the request before anything below them runs", async () => {
  // Before it runs: items' read, 11. Each item read: its row, id, and its parts' read, 1 + 1 + 11 = 13; each part 2.
  // 3 items with 10 parts each: 11 + 3 × 13 + 30 × 2 = 110.
  const small = await run(`{ items(size: 3) { data { id parts { data { id } } } } }`);
  assert.equal(small.errors, undefined, JSON.stringify(small.errors));
  assert.equal(reads.length, 1 + 3);

  // 40 items: 11 + 40 × 13 = 531 > 500 as soon as the items are handed over: no parts page is ever read.
  const large = await run(`{ items(size: 40) { data { id parts { data { id } } } } }`);
  assert.deepEqual(large, {
    errors: [
      {
        message: "Query would cost more than 500 (fields, database reads and page sizes); the limit is 500",
        extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
      },
    ],
  });
  assert.deepEqual(reads, ["items"]);
});

test("once the limit is passed, every page after it is refused too, and nothing of the request is answered", async () => {
  // Before it runs: two reads, 22. The items: 2 × 15 rows × 13 = 390, 412 in all. Then each parts page adds 20:
  // four are handed over (492), the fifth passes 500 and every one after it is refused.
  const both = await run(`{
    a: items(size: 15) { data { id parts { data { id } } } }
    b: items(size: 15) { data { id parts { data { id } } } }
  }`);
  assert.equal(both.data, undefined);
  assert.match(both.errors?.[0].message ?? "", /cost more than 500/);
  assert.deepEqual(handed, { parts: 4, refused: 26 });
  // Their reads were charged with the items that hold them (13 each), before they started.
  assert.equal(reads.filter((read) => read.startsWith("parts")).length, 30);
});
