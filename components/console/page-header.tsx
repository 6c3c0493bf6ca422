import Link from "next/link";
import { type ReactNode, Suspense } from "react";

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

/** A detail page's actions: Edit, and the removal (Delete, Unregister) set apart by its colour. */
export function EditAndRemoveActions({ onEdit, removeLabel, onRemove }: { onEdit: () => void; removeLabel: string; onRemove: () => void }) {
  return (
    <>
      <button type="button" className="btn btn-secondary" onClick={onEdit}>
        Edit
      </button>
      <button type="button" className="btn btn-secondary btn-danger-text" onClick={onRemove}>
        {removeLabel}
      </button>
    </>
  );
}

/** A create page's heading: the way back to its list, its title, and what happens on saving. */
export function CreatePageHeader({ list, title, lead }: { list: { href: string; label: string }; title: string; lead: ReactNode }) {
  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href={list.href}>{list.label}</Link>
      </nav>
      <h1>{title}</h1>
      <p className="lead">{lead}</p>
    </>
  );
}

/** A list page: its heading, then the list, which keeps its search, sort and page in the URL (hence the Suspense: it reads search params). */
export function ListPage({ title, lead, children }: { title: string; lead: ReactNode; children: ReactNode }) {
  return (
    <>
      <PageHeader title={title} lead={lead} />
      <Suspense>{children}</Suspense>
    </>
  );
}
