"use client";

import { ProblemNotice } from "./problem-notice";

/** A page's query failed: say what could not be loaded and why, and offer to try again. */
export function LoadError({ what, error, onRetry }: { what: string; error: unknown; onRetry: () => void }) {
  return <ProblemNotice what={`Could not load ${what}`} error={error} onRetry={onRetry} />;
}
