/**
 * The empty-argument-list rewrite works on graphql-js's tokens: `()` after a
 * field's or a directive's name goes, a `()` in a string, a block string or a
 * comment stays, and everything else is left for the parser to judge.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Kind, type StringValueNode, parse, print, visit } from "graphql";
import { dropEmptyArgumentLists } from "./empty-argument-lists";

const rewrite = (text: string) => dropEmptyArgumentLists(text, 5000);

/** Every string literal in a document, as parsed (block strings included, variable defaults included). */
function stringsOf(text: string): string[] {
  const strings: string[] = [];
  visit(parse(text), {
    StringValue(node: StringValueNode) {
      strings.push(node.value);
    },
  });
  return strings;
}

test("an empty argument list after a field's or a directive's name is dropped", () => {
  const cases: [string, string][] = [
    ["query { labelDefinitions() { key } }", "{ labelDefinitions { key } }"],
    ["{ result: formationConstraints ( ) { id } }", "{ result: formationConstraints { id } }"],
    ["{ configuration() { token { token } } }", "{ configuration { token { token } } }"],
    ["{ a { b() c(x: 1) d() } }", "{ a { b c(x: 1) d } }"],
    ["{ a(,) b(\ufeff\r\n\t) }", "{ a b }"],
    ["{ a(x: {y: 1}) { b() } }", "{ a(x: {y: 1}) { b } }"],
    ["{ a @skip() }", "{ a @skip }"],
    ["query Q @dir() { a }", "query Q @dir { a }"],
    ["fragment F on T @dir() { a() }", "fragment F on T @dir { a }"],
    // A comment between the brackets is skipped by the lexer, and kept in the text.
    ["{ a( # nothing here ()\n) }", "{ a }"],
  ];
  for (const [text, printed] of cases) {
    const rewritten = rewrite(text);
    // Blanked, not cut: every position graphql-js reports still points at the text the client sent.
    assert.equal(rewritten.length, text.length, text);
    assert.equal(print(parse(rewritten)).replace(/\s+/g, " "), printed, text);
  }
});

test("a () inside a string, a block string or a comment is left exactly as sent", () => {
  const text = `query($s: String = "a()b", $t: String = """x()\ny""") {
    # labelDefinitions() in a comment
    labelDefinitions() { key }
    labelDefinition(key: "()") { key }
    other: labelDefinition(key: "\\"()\\"") { key }
    described(text: """ a block string with a() and \\""" () """) { id }
  }`;
  const rewritten = rewrite(text);
  assert.notEqual(rewritten, text);
  assert.deepEqual(stringsOf(rewritten), ["a()b", "x()\ny", "()", '"()"', ' a block string with a() and """ () ']);
  assert.ok(rewritten.includes("# labelDefinitions() in a comment"));
  // Only the two brackets after labelDefinitions changed.
  const changed = [...text].flatMap((char, at) => (rewritten[at] === char ? [] : [at]));
  assert.deepEqual(changed, [text.indexOf("labelDefinitions() {") + 16, text.indexOf("labelDefinitions() {") + 17]);
});

test("anything else is left for the parser: other brackets, empty variable lists, text that does not lex", () => {
  const unchanged = [
    "{ a(x: 1) { b } }",
    "query Q() { a }", // an empty variable list is a syntax error in Compass too
    "query () { a }",
    "fragment F on T() { a }",
    `{ a(s: "()") }`,
    `{ a() "unterminated`,
    "{ a() \u0007 }",
    "()",
    "",
  ];
  for (const text of unchanged) assert.equal(rewrite(text), text, JSON.stringify(text));
  // The same object when there is nothing to do, so the common case costs one lexing pass and no copy.
  const plain = "{ labelDefinitions { key } }";
  assert.equal(rewrite(plain), plain);
});

test("lexing stops at the token limit, where the parser refuses the document anyway", () => {
  const text = `{ ${"a ".repeat(100)} b() }`;
  assert.equal(dropEmptyArgumentLists(text, 50), text);
  assert.notEqual(dropEmptyArgumentLists(text, 500), text);
  assert.equal(parse(dropEmptyArgumentLists(text, 500)).definitions[0].kind, Kind.OPERATION_DEFINITION);
});
