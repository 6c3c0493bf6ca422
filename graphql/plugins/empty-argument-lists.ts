import { GraphQLError, Lexer, type ParseOptions, Source, type Token, TokenKind } from "graphql";
import type { Plugin } from "graphql-yoga";
import { DEFAULT_QUERY_LIMITS } from "./query-limits";

/**
 * Kyma Compass's clients send `labelDefinitions()`, `formationConstraints()`
 * and Connector's `configuration()`: an empty argument list, which Compass's
 * parser (gqlparser) accepts and graphql-js refuses ("Expected Name, found
 * ")""). The rewrite works on graphql-js's own tokens, never on the raw text:
 * a `()` inside a string, a block string or a comment is part of one token
 * (or skipped with the comment) and is never touched.
 *
 * Only a `(` directly followed by `)` after a field's or a directive's name is
 * dropped; an empty variable list (`query Q()`) stays a syntax error, as it is
 * in Compass. The two characters become spaces, so every location graphql-js
 * reports (errors, limits) still points at the text the client sent.
 */

/**
 * Whether a `(` after these two tokens opens a field's or a directive's
 * arguments: a name after `@`, or any name inside a selection set (outside
 * parentheses a `{` can only open one, and only fields are named there).
 */
function opensArguments(beforeName: Token | undefined, name: Token | undefined, selectionDepth: number): boolean {
  if (name?.kind !== TokenKind.NAME) return false;
  return beforeName?.kind === TokenKind.AT || selectionDepth > 0;
}

/** What the lexer skips between tokens (besides comments): white space, line terminators, commas, a byte order mark. */
const IGNORED = new Set([" ", "\t", "\n", "\r", ",", "\uFEFF"]);

/**
 * Whether the text has a `(` followed by nothing but ignored characters and
 * then `)` or a comment: without one there is nothing to rewrite, and the
 * lexing pass (about half the cost of parsing) is skipped. It only decides
 * whether to lex; what is an argument list is the tokens' to say.
 */
function mayHaveEmptyList(text: string): boolean {
  for (let at = text.indexOf("("); at !== -1; at = text.indexOf("(", at + 1)) {
    let next = at + 1;
    while (next < text.length && IGNORED.has(text[next])) next++;
    if (text[next] === ")" || text[next] === "#") return true;
  }
  return false;
}

/**
 * The document with its empty field and directive argument lists blanked, or
 * the same text when it has none (or does not lex: then the parser reports the
 * error). Stops after `maxTokens` tokens, where the parser would refuse anyway.
 */
export function dropEmptyArgumentLists(text: string, maxTokens: number): string {
  if (!mayHaveEmptyList(text)) return text;
  const lexer = new Lexer(new Source(text));
  const blanks: number[] = [];
  let selectionDepth = 0;
  let parenDepth = 0;
  // The two tokens before `token`; the lexer's own `prev` would be a comment between them.
  let previous: Token | undefined;
  let beforePrevious: Token | undefined;
  try {
    let token = lexer.advance();
    for (let count = 1; token.kind !== TokenKind.EOF && count <= maxTokens; count++) {
      const next = lexer.advance();
      if (token.kind === TokenKind.PAREN_L) {
        if (next.kind === TokenKind.PAREN_R && opensArguments(beforePrevious, previous, selectionDepth)) blanks.push(token.start, next.start);
        parenDepth++;
      } else if (token.kind === TokenKind.PAREN_R) {
        parenDepth--;
      } else if (parenDepth === 0 && token.kind === TokenKind.BRACE_L) {
        selectionDepth++;
      } else if (parenDepth === 0 && token.kind === TokenKind.BRACE_R) {
        selectionDepth--;
      }
      beforePrevious = previous;
      previous = token;
      token = next;
    }
  } catch (error) {
    if (error instanceof GraphQLError) return text;
    throw error;
  }
  if (blanks.length === 0) return text;
  const chars = text.split("");
  for (const at of blanks) chars[at] = " ";
  return chars.join("");
}

/**
 * Runs the rewrite in Yoga's parse step, just before graphql-js parses. Listed
 * before useQueryLimits, whose parse function wraps this one: the nesting
 * check comes first, and its token limit reaches the rewrite in `options`.
 * Yoga's parse cache is keyed on the text as sent, so a document is rewritten
 * once.
 */
export function useEmptyArgumentLists(maxTokens: number = DEFAULT_QUERY_LIMITS.maxTokens): Plugin {
  return {
    onParse({ parseFn, setParseFn }) {
      setParseFn((source: string | Source, options?: ParseOptions) => {
        const text = typeof source === "string" ? source : source.body;
        const rewritten = dropEmptyArgumentLists(text, options?.maxTokens ?? maxTokens);
        if (rewritten === text) return parseFn(source, options);
        return parseFn(typeof source === "string" ? rewritten : new Source(rewritten, source.name, source.locationOffset), options);
      });
    },
  };
}
