import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";

/**
 * graphql-js reports parse, validation and variable errors without a code.
 * Clients branch on extensions.code, so every error leaves with one.
 */
function codeFor(error: GraphQLError): string {
  if (error.message.startsWith("Syntax Error")) return "GRAPHQL_PARSE_FAILED";
  if (error.message.startsWith("Variable \"$")) return "BAD_USER_INPUT";
  return "GRAPHQL_VALIDATION_FAILED";
}

function withCode(error: GraphQLError): GraphQLError {
  if (error.extensions?.code) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: codeFor(error) },
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
