"use client";

import { useState } from "react";
import { useToast } from "./toast";

const IDLE = { creating: false, shown: null };

/**
 * A creation whose result is shown once, in a dialog of its own (a new API
 * token, an invitation link): whether the create dialog is open, and what the
 * reveal dialog shows. The result lives only in this state, while the reveal
 * is open. Closing the reveal says `done(result)` in a toast: after the
 * reveal rather than during it, since the modal hides a toast from screen
 * readers and, on a phone, the toast would cover Close.
 */
export function useCreateThenReveal<T>(done: (result: T) => string) {
  const toast = useToast();
  // One step at a time: nothing open, the create dialog, or the reveal of its result.
  const [step, setStep] = useState<{ creating: boolean; shown: T | null }>(IDLE);
  return {
    creating: step.creating,
    shown: step.shown,
    start: () => setStep({ creating: true, shown: null }),
    cancel: () => setStep(IDLE),
    /** Closes the create dialog, if open, and opens the reveal with `result`. */
    reveal: (result: T) => setStep({ creating: false, shown: result }),
    /** Closes the reveal, then says what was done. */
    close() {
      setStep(IDLE);
      if (step.shown !== null) toast.success(done(step.shown));
    },
  };
}
