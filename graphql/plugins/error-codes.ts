import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";

/**
 * graphql-js reports parse, validation and variable errors without a code.
 * Clients branch on extensions.code, so every error leaves with one.
 */
function codeFor(error: GraphQLError): string {
  if (error.message.startsWith("Syntax Error")) return "GRAPHQL_PARSE_FAILED";
  if (error.message.startsWith('Variable "$')) return "BAD_USER_INPUT";
  return "GRAPHQL_VALIDATION_FAILED";
}

/**
 * The offending input of a variable error, for extensions.field: the path
 * graphql-js names (`in.name`), else the variable itself.
 */
function variableFieldOf(message: string): string | undefined {
  const variable = /^Variable "\$(\w+)"/.exec(message)?.[1];
  if (!variable) return undefined;
  const at = new RegExp(`^Variable "\\$${variable}" got invalid value [\\s\\S]* at "(${variable}[^"]*)"; `).exec(message);
  return at?.[1] ?? variable;
}

function withCode(error: GraphQLError): GraphQLError {
  if (error.extensions?.code) return error;
  const code = codeFor(error);
  const field = code === "BAD_USER_INPUT" ? variableFieldOf(error.message) : undefined;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code, ...(field ? { field } : {}) },
  });
}

export function useErrorCodes(): Plugin {
  return {
    onExecutionResult({ result, setResult }) {
      if (result && "errors" in result && result.errors?.some((error) => !error.extensions?.code)) {
        setResult({ ...result, errors: result.errors.map((error) => withCode(error as GraphQLError)) });
      }
    },
  };
}
