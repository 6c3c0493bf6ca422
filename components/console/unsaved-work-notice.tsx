"use client";

import { useEffect, useState } from "react";
import { guardLeaving, takeUnsavedWorkNote, type UnsavedWorkNote, watchForUnsavedWork } from "./unsaved-work";

/**
 * Watches for unsaved input, asks before leaving a page that holds some, and after a forced sign-in says what was lost
 * on the way (the session ended before it was saved).
 */
export function UnsavedWorkNotice() {
  const [note, setNote] = useState<UnsavedWorkNote | null>(null);
  useEffect(() => {
    setNote(takeUnsavedWorkNote());
    const stopWatching = watchForUnsavedWork();
    const stopGuarding = guardLeaving(window);
    return () => {
      stopGuarding();
      stopWatching();
    };
  }, []);
  if (!note) return null;
  const places = note.places.map((place) => `“${place}”`).join(", ");
  return (
    <div className="alert alert-warning" role="alert">
      <p>Your session ended before your changes in {places} were saved. They were not kept: enter them again.</p>
      <button type="button" className="btn btn-secondary btn-small" onClick={() => setNote(null)}>
        Dismiss
      </button>
    </div>
  );
}
