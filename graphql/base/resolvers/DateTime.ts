import { GraphQLScalarType, Kind } from "graphql";
import { badInput } from "@/graphql/errors";

// Accepts ISO 8601 with a time zone designator; always answers in UTC.
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function parse(value: unknown): Date {
  if (typeof value !== "string" || !ISO_WITH_ZONE.test(value) || Number.isNaN(Date.parse(value))) {
    throw badInput("DateTime", "Expected an ISO 8601 date-time with a time zone, e.g. 2026-01-31T12:00:00Z");
  }
  return new Date(value);
}

export const DateTime = new GraphQLScalarType({
  name: "DateTime",
  description: "An instant in ISO 8601, always UTC.",
  serialize: (value) => (value instanceof Date ? value : new Date(value as string)).toISOString(),
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});
