"use client";

export type Role = "ADMIN" | "VIEWER";

export const ROLE_WORDS: Record<Role, { label: string; description: string }> = {
  ADMIN: { label: "Admin", description: "reads and changes everything, secrets included, and manages users" },
  VIEWER: { label: "Viewer", description: "reads everything but secrets, and changes nothing but their own password" },
};

/** The role as two radio buttons, each saying what it allows. */
export function RoleField({ id, value, onChange, error }: { id: string; value: Role; onChange: (role: Role) => void; error?: string | null }) {
  return (
    <fieldset className="field role-field" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>Role</legend>
      {(Object.keys(ROLE_WORDS) as Role[]).map((role) => (
        <label key={role} className="radio-option">
          <input type="radio" name={id} value={role} checked={value === role} onChange={() => onChange(role)} />
          <span>
            <strong>{ROLE_WORDS[role].label}</strong>: {ROLE_WORDS[role].description}
          </span>
        </label>
      ))}
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}
