import { CombinedGraphQLErrors } from "@apollo/client";

/** What the API said went wrong, reduced to what a form or dialog shows. */
export interface GraphQLProblem {
  message: string;
  code?: string;
  /** The input the API blamed, e.g. `in.name` (see docs/design.md: errors name the offending field). */
  field?: string;
}

export function graphqlProblem(error: unknown): GraphQLProblem {
  if (CombinedGraphQLErrors.is(error) && error.errors.length > 0) {
    const [first] = error.errors;
    const code = typeof first.extensions?.code === "string" ? first.extensions.code : undefined;
    const field = typeof first.extensions?.field === "string" ? first.extensions.field : undefined;
    return { message: first.message, code, field };
  }
  if (error instanceof Error) return { message: `Could not reach the server: ${error.message}` };
  return { message: "Something went wrong. Try again." };
}

/** For dialogs that show a thrown error's message: the API's words, not Apollo's wrapper. */
export function asProblemError(error: unknown): Error {
  return new Error(graphqlProblem(error).message);
}
