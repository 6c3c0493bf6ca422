"use client";

import { useEffect, useRef, useState } from "react";
import { graphqlProblem } from "./graphql-problem";

/**
 * Counts down the seconds the server asked for (Retry-After) and then calls
 * `onRetry` once; null when there is nothing to wait for. Each new failure
 * (`error`) starts its own countdown, even with the same number of seconds.
 */
function useRetryCountdown(error: unknown, retryAfterSeconds: number | undefined, onRetry: (() => void) | undefined): number | null {
  const [left, setLeft] = useState<number | null>(null);
  const retry = useRef(onRetry);
  retry.current = onRetry;
  const canRetry = !!onRetry;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new error restarts the countdown even when its Retry-After is the same.
  useEffect(() => {
    if (retryAfterSeconds === undefined || !canRetry) {
      setLeft(null);
      return;
    }
    let remaining = Math.max(1, retryAfterSeconds);
    setLeft(remaining);
    const timer = setInterval(() => {
      remaining -= 1;
      if (remaining > 0) setLeft(remaining);
      else {
        clearInterval(timer);
        setLeft(null);
        retry.current?.();
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [error, retryAfterSeconds, canRetry]);
  return left;
}

/** How soon a read that got no answer is tried again. */
const UNREACHABLE_RETRY_SECONDS = 3;

/**
 * The one way the console shows a failed request: what could not be done, the
 * server's own words, a countdown when the server said when to come back (the
 * request is repeated then by itself), and a Retry button.
 */
export function ProblemNotice({ what, error, onRetry, className = "alert" }: { what: string; error: unknown; onRetry?: () => void; className?: string }) {
  const problem = graphqlProblem(error);
  // A read that got no answer is asked again by itself too (onRetry is only
  // ever a read's refetch): a blip clears without anyone clicking Retry.
  const left = useRetryCountdown(error, problem.retryAfterSeconds ?? (problem.unreachable ? UNREACHABLE_RETRY_SECONDS : undefined), onRetry);
  return (
    <div className={className} role="alert">
      <p>
        {what}: {problem.message}
      </p>
      {left !== null ? (
        <p className="retry-countdown">
          Trying again in <span className="retry-seconds">{left}</span> s…
        </p>
      ) : null}
      {onRetry ? (
        <button type="button" className="btn btn-secondary btn-small" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}
