import type { ReactNode } from "react";

/**
 * One entry of a details card (`<dl className="details-grid">`) whose value
 * is an id, a URL or a namespace: shown as code, or as a muted dash when there
 * is none, with `missing` as its tooltip (how it would get one).
 */
export function CodeDetail({ term, value, missing }: { term: ReactNode; value: string | null | undefined; missing?: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>
        {value ? (
          <code>{value}</code>
        ) : (
          <span className="muted" title={missing}>
            —
          </span>
        )}
      </dd>
    </>
  );
}
