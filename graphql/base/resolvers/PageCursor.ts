import { GraphQLScalarType, Kind } from "graphql";
import { badInput } from "@/graphql/errors";

// Only the shape is checked here; the list that receives it decodes the rest.
// "" is accepted and means "from the start", as in Compass.
const BASE64URL = /^[A-Za-z0-9_-]{0,2048}$/;

function parse(value: unknown): string {
  if (typeof value !== "string" || !BASE64URL.test(value)) {
    throw badInput("after", "Malformed cursor: pass a pageInfo.endCursor from the same list");
  }
  return value;
}

export const PageCursor = new GraphQLScalarType({
  name: "PageCursor",
  description: "An opaque keyset cursor. Pass a page's endCursor as `after` to get the next page.",
  serialize: (value) => value,
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});
