import { GraphQLScalarType, Kind } from "graphql";
import { badInput } from "@/graphql/errors";

const text = (value: unknown): string => {
  if (typeof value !== "string") throw badInput("CLOB", "Expected a string (Compass's CLOB: a large text, e.g. an API specification)");
  return value;
};

/** Compass's CLOB: a large text; nothing stores one yet (bundles arrive with issue 23). */
export const CLOB = new GraphQLScalarType({
  name: "CLOB",
  description: "Compass's large text (API and event specifications).",
  serialize: text,
  parseValue: text,
  parseLiteral: (ast) => text(ast.kind === Kind.STRING ? ast.value : undefined),
});
