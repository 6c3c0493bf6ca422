import type { ReactNode } from "react";

/**
 * A titled section of an object's page (its labels, credentials, webhooks,
 * children): the heading that names the section for screen readers and, when
 * the viewer may change what it shows, its one primary action beside the
 * heading. `id` prefixes the heading's id (`${id}-heading`).
 */
export function PageSection({
  id,
  title,
  action,
  children,
}: {
  id: string;
  title: string;
  /** Left out (or null) for a viewer who may not use it. */
  action?: { label: string; onClick: () => void } | null;
  children: ReactNode;
}) {
  const headingId = `${id}-heading`;
  return (
    <section className="section" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>{title}</h2>
        {action ? (
          <button type="button" className="btn btn-primary" onClick={action.onClick}>
            {action.label}
          </button>
        ) : null}
      </div>
      {children}
    </section>
  );
}
