import { RE2JS } from "re2js";

/**
 * Patterns written by tenants (a label definition's `pattern`,
 * `patternProperties`, and `propertyNames` through them) run on RE2JS, a
 * pure-JavaScript port of RE2: matching takes time linear in the input, so no
 * pattern can backtrack for seconds and freeze the process (issue 20,
 * finding 1; decision 0015). RE2 has no backreferences or lookaround: a
 * pattern using them fails to compile, which the schema check reports as
 * BAD_USER_INPUT. The server's ajv and the console's in-browser checker both
 * use this one function, so they agree on which patterns exist.
 */
export interface LinearRegExp {
  test(text: string): boolean;
  /** The pattern itself: ajv keys its compiled patterns by it, so two patterns must never print alike. */
  toString(): string;
}

export function linearRegExp(pattern: string): LinearRegExp {
  const compiled = RE2JS.compile(pattern);
  return { test: (text: string) => compiled.matcher(text).find(), toString: () => `/${pattern}/` };
}
