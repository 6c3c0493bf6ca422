import type { ReactNode } from "react";

/**
 * A console page's heading: its title, the line under it that says what the
 * page shows, and the page's own actions (only for those who may use them).
 */
export function PageHeader({ title, lead, actions }: { title: string; lead: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        <p className="lead">{lead}</p>
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}
