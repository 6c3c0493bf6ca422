import assert from "node:assert/strict";
import { test } from "node:test";
import { type GraphQLScalarType, Kind } from "graphql";
import { PageCursor } from "@/graphql/base/resolvers/PageCursor";
import { CLOB } from "@/graphql/bundle/resolvers/CLOB";
import { JSON as JSONScalar } from "@/graphql/bundle/resolvers/JSON";
import { JSONSchema } from "@/graphql/label/resolvers/JSONSchema";

/** The code and field of a refusal, whether a GraphQLError (extensions) or a DomainError (own fields). */
function refusal(run: () => unknown): { code: unknown; field: unknown; message: string } {
  try {
    run();
  } catch (error) {
    const { extensions, code, field, message } = error as { extensions?: Record<string, unknown>; code?: string; field?: string; message: string };
    return { code: extensions?.code ?? code, field: extensions?.field ?? field, message };
  }
  assert.fail("expected a refusal");
}

const intLiteral = { kind: Kind.INT, value: "7" } as const;
const stringLiteral = (value: string) => ({ kind: Kind.STRING, value }) as const;

test("every string scalar refuses a non-string variable and a non-string literal with BAD_USER_INPUT on its field", () => {
  const cases: [GraphQLScalarType, string][] = [
    [CLOB, "CLOB"],
    [JSONScalar, "JSON"],
    [JSONSchema, "JSONSchema"],
    [PageCursor, "after"],
  ];
  for (const [scalar, field] of cases) {
    for (const run of [() => scalar.parseValue(42), () => scalar.parseValue({ a: 1 }), () => scalar.parseLiteral(intLiteral)]) {
      const { code, field: at } = refusal(run);
      assert.equal(code, "BAD_USER_INPUT", scalar.name);
      assert.equal(at, field, scalar.name);
    }
    assert.equal(scalar.parseValue(scalar === JSONScalar ? "{}" : "abc"), scalar === JSONScalar ? "{}" : "abc");
  }
});

test("JSON checks the document; PageCursor checks the cursor's alphabet and length, and accepts '' (from the start)", () => {
  assert.equal(refusal(() => JSONScalar.parseValue("{not json")).message, "JSON input is not a valid JSON");
  assert.equal(refusal(() => JSONScalar.parseLiteral(stringLiteral("[1,"))).field, "JSON");
  assert.equal(JSONScalar.parseLiteral(stringLiteral('{"a":[1]}')), '{"a":[1]}');
  assert.equal(PageCursor.parseValue(""), "");
  assert.equal(PageCursor.parseLiteral(stringLiteral("AbC-_9")), "AbC-_9");
  for (const bad of ["a+b", "a/b", "a=", "x".repeat(2049)]) assert.equal(refusal(() => PageCursor.parseValue(bad)).field, "after", bad);
});

test("CLOB and JSON check what they answer; PageCursor and JSONSchema answer what they hold", () => {
  assert.equal(refusal(() => CLOB.serialize(1)).field, "CLOB");
  assert.equal(refusal(() => JSONScalar.serialize("{")).field, "JSON");
  assert.equal(PageCursor.serialize(12), 12);
  assert.equal(JSONSchema.serialize(12), 12);
});
