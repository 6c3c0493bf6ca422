import { GraphQLScalarType } from "graphql";
import { badInput } from "@/domain/errors";
import { jsonOfLiteral } from "./Any";

function asObject(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw badInput("Labels", "Labels are a JSON object of keys to values");
  return value as Record<string, unknown>;
}

// Compass's scalar: a JSON object of label keys to values (keys and values are checked by the domain).
export const Labels = new GraphQLScalarType({
  name: "Labels",
  description: "A JSON object mapping label keys to values (Compass's scalar).",
  serialize: (value) => value,
  parseValue: asObject,
  parseLiteral: (ast, variables) => asObject(jsonOfLiteral(ast, variables, "Labels")),
});
