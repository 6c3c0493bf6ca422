"use client";

import { useEffect, useState } from "react";
import { reconnectingFetch } from "./reconnecting-fetch";

/**
 * While a page the user asked for cannot be fetched, says so over the page
 * that is still there; it goes away by itself when the server answers and the
 * navigation completes (reconnecting-fetch.ts does the retrying).
 */
export function ConnectionNotice() {
  const [waiting, setWaiting] = useState(0);
  useEffect(() => {
    const original = window.fetch;
    window.fetch = reconnectingFetch(original.bind(window), (delta) => setWaiting((count) => count + delta));
    return () => {
      window.fetch = original;
    };
  }, []);
  // The live region is always there, so screen readers announce what appears in it.
  return (
    <div className="connection-notice-region" aria-live="polite">
      {waiting > 0 ? <div className="connection-notice">Cannot reach the server. Retrying…</div> : null}
    </div>
  );
}
