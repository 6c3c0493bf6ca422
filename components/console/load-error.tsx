"use client";

import { graphqlProblem } from "./graphql-problem";

/** A page's query failed: say what could not be loaded and why, and offer to try again. */
export function LoadError({ what, error, onRetry }: { what: string; error: unknown; onRetry: () => void }) {
  return (
    <div className="alert" role="alert">
      Could not load {what}: {graphqlProblem(error).message}{" "}
      <button type="button" className="btn btn-secondary btn-small" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}
