/**
 * Documents that attack the GraphQL layer, shared by the tests that prove
 * they are refused (test/security/graphql-fragment-bomb.test.ts,
 * test/compass-examples.test.ts, test/empty-argument-lists.api.test.ts).
 */

/**
 * `fragment F1 on Query { ...F0 ...F0 }` and so on: F{levels} expands to
 * 2^levels copies of F0, whose selection is `leaf`.
 */
export function doubledFragments(levels: number, leaf = "viewer { kind }"): string {
  const fragments = [`fragment F0 on Query { ${leaf} }`];
  for (let i = 1; i <= levels; i++) fragments.push(`fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`);
  return `{ ...F${levels} }\n${fragments.join("\n")}`;
}
