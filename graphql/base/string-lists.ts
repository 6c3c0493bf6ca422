import { GraphQLScalarType, Kind, valueFromASTUntyped } from "graphql";
import { badInput } from "@/graphql/errors";

/**
 * Compass's HttpHeaders and QueryParams: a JSON object mapping each name to a
 * list of values, and their *Serialized twins, the same object as a JSON string.
 * No field here answers one yet (an integration system's Auth leaves them null),
 * but the scalars check what they carry both ways.
 */
type StringLists = Record<string, string[]>;

function isStringLists(value: unknown): value is StringLists {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((list) => Array.isArray(list) && list.every((item) => typeof item === "string"))
  );
}

function objectScalar(name: string, what: string): GraphQLScalarType {
  const check = (value: unknown): StringLists => {
    if (!isStringLists(value)) throw badInput(name, `Expected ${what} as an object of string lists, e.g. {"name": ["value"]}`);
    return value;
  };
  return new GraphQLScalarType({
    name,
    description: `${what[0].toUpperCase()}${what.slice(1)} as a JSON object: each name maps to a list of values (Compass's scalar).`,
    serialize: check,
    parseValue: check,
    parseLiteral: (ast) => check(ast.kind === Kind.OBJECT ? valueFromASTUntyped(ast) : undefined),
  });
}

function serializedScalar(name: string, what: string): GraphQLScalarType {
  const check = (value: unknown): string => {
    let parsed: unknown;
    try {
      parsed = typeof value === "string" ? JSON.parse(value) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!isStringLists(parsed)) throw badInput(name, `Expected ${what} as a JSON string of an object of string lists, e.g. "{\\"name\\":[\\"value\\"]}"`);
    return value as string;
  };
  return new GraphQLScalarType({
    name,
    description: `${what[0].toUpperCase()}${what.slice(1)} as a JSON string (Compass's scalar).`,
    serialize: check,
    parseValue: check,
    parseLiteral: (ast) => check(ast.kind === Kind.STRING ? ast.value : undefined),
  });
}

export const httpHeaders = objectScalar("HttpHeaders", "HTTP headers");
export const httpHeadersSerialized = serializedScalar("HttpHeadersSerialized", "HTTP headers");
export const queryParams = objectScalar("QueryParams", "query parameters");
export const queryParamsSerialized = serializedScalar("QueryParamsSerialized", "query parameters");
