import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";
import { REQUEST_ID_HEADER } from "@/lib/http";
import { internalError } from "../errors";

/**
 * Resolvers' unexpected errors classified here, where the request is known,
 * rather than in graphql/yoga.ts's maskError, which is not told it: the log
 * line gets the request's id beside the error id, and the caller gets both
 * (extensions.errorId, extensions.requestId). Runs before Yoga's masking,
 * which then passes these GraphQLErrors through. A result without errors
 * costs one property read.
 */
export function useRequestIdOnErrors(): Plugin<{ request: Request }> {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          if (!("errors" in result) || !result.errors?.some(needsMasking)) return;
          const requestId = args.contextValue.request.headers.get(REQUEST_ID_HEADER);
          setResult({
            ...result,
            errors: result.errors.map((error) =>
              needsMasking(error) ? internalError(error.originalError, { nodes: error.nodes, path: error.path }, requestId) : error,
            ),
          });
        },
      };
    },
  };
}

/** An error whose cause is not a GraphQL error of ours: what maskError would classify. */
const needsMasking = (error: GraphQLError) => error.originalError !== undefined && !(error.originalError instanceof GraphQLError);
