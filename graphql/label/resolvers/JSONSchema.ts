import { GraphQLScalarType, Kind } from "graphql";
import { badInput } from "@/domain/errors";

function asText(value: unknown): string {
  if (typeof value !== "string") throw badInput("JSONSchema", "A JSON Schema is passed as a string holding its JSON");
  return value;
}

// Compass's scalar: the schema's JSON as a string (parsed and checked by the domain).
export const JSONSchema = new GraphQLScalarType({
  name: "JSONSchema",
  description: "A JSON Schema, as a string holding its JSON (Compass's scalar).",
  serialize: (value) => value,
  parseValue: asText,
  parseLiteral: (ast) => asText(ast.kind === Kind.STRING ? ast.value : undefined),
});
