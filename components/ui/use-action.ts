"use client";

import { useState } from "react";

const messageOf = (failure: unknown) => (failure instanceof Error ? failure.message : String(failure));

/**
 * A one-click action run from a dialog (confirm, generate): busy while it
 * runs, and on failure its message, which the dialog shows while it stays
 * open. `describe` turns a failure into words (by default its message).
 */
export function useAction(describe: (failure: unknown) => string = messageOf) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return {
    busy,
    error,
    clearError: () => setError(null),
    /** Runs `action`; true when it succeeded. */
    async run(action: () => Promise<void>): Promise<boolean> {
      setBusy(true);
      setError(null);
      try {
        await action();
        return true;
      } catch (failure) {
        setError(describe(failure));
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}
