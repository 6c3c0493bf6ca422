"use client";

import { expiryState } from "@/lib/credential-rules";
import { Timestamp } from "./timestamp";

/**
 * A credential's or token's expiry in a table: "Never", the time, and a
 * mark when it stops working within 7 days ("Expires soon") or has stopped
 * ("Expired"). The rule is lib/credential-rules.ts's, as the API's filter.
 */
export function ExpiryMark({ expiresAt, now }: { expiresAt: string | null | undefined; now?: number }) {
  const state = expiryState(expiresAt, now);
  if (state === "never" || !expiresAt) return <span className="muted">Never</span>;
  return (
    <span className="expiry-cell">
      {state === "expired" ? <span className="badge badge-danger">Expired</span> : null}
      {state === "expiring" ? <span className="badge badge-warning">Expires soon</span> : null}
      <Timestamp iso={expiresAt} relative now={now} />
    </span>
  );
}
