import { GraphQLScalarType, Kind } from "graphql";

/**
 * A scalar carried as a string (Compass's CLOB, JSON, JSONSchema, our
 * PageCursor). An input that is not a string, a variable's value or any
 * literal but a string literal, is refused with `notAString()`; a string then
 * goes through `check`, which throws its own BAD_USER_INPUT. Answers go out
 * through `serialize`, by default the same checks.
 */
export function stringScalar({
  name,
  description,
  notAString,
  check,
  serialize,
}: {
  name: string;
  description: string;
  notAString: () => Error;
  check?: (text: string) => void;
  serialize?: (value: unknown) => unknown;
}): GraphQLScalarType {
  const parse = (value: unknown): string => {
    if (typeof value !== "string") throw notAString();
    check?.(value);
    return value;
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: serialize ?? parse,
    parseValue: parse,
    parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
  });
}
