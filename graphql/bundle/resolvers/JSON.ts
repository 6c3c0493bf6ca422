import { GraphQLScalarType, Kind } from "graphql";
import { badInput } from "@/graphql/errors";

/** Compass's JSON: a string that holds a JSON document, answered as that string. */
const jsonText = (value: unknown): string => {
  if (typeof value !== "string") throw badInput("JSON", "Expected a string holding a JSON document");
  try {
    globalThis.JSON.parse(value);
  } catch {
    throw badInput("JSON", "JSON input is not a valid JSON");
  }
  return value;
};

// The generated resolver map imports it by the scalar's name.
// biome-ignore lint/suspicious/noShadowRestrictedNames: the scalar is named JSON in Compass's schema
export const JSON = new GraphQLScalarType({
  name: "JSON",
  description: "Compass's JSON: a string holding a JSON document.",
  serialize: jsonText,
  parseValue: jsonText,
  parseLiteral: (ast) => jsonText(ast.kind === Kind.STRING ? ast.value : undefined),
});
