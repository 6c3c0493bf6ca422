"use client";

export interface RowAction {
  /** The button's text; screen readers hear it with the row's name ("Edit Acme"). */
  label: string;
  onClick: () => void;
  danger?: boolean;
}

/** The buttons at the end of a table row. */
export function RowActions({ name, actions }: { name: string; actions: RowAction[] }) {
  return (
    <div className="row-actions">
      {actions.map((action) => (
        <button
          key={action.label}
          type="button"
          className={action.danger ? "btn btn-ghost btn-small btn-danger-text" : "btn btn-ghost btn-small"}
          aria-label={`${action.label} ${name}`}
          onClick={action.onClick}
        >
          {action.label}
        </button>
      ))}
    </div>
  );
}
