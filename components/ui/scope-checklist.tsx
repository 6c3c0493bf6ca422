"use client";

/**
 * Scopes as checkboxes, for whatever is granted a subset of them: an
 * integration system's, application's or runtime's credential, or an API
 * token. `chosen` null means all of `choices` (the server's default).
 */
export function ScopeChecklist({
  id,
  legend,
  hint,
  choices,
  chosen,
  onChange,
  loading = false,
}: {
  id: string;
  legend: string;
  hint: string;
  choices: readonly string[];
  chosen: readonly string[] | null;
  onChange: (chosen: string[]) => void;
  loading?: boolean;
}) {
  const scopes = chosen ?? choices;
  function toggle(scope: string, on: boolean) {
    onChange(choices.filter((item) => (item === scope ? on : scopes.includes(item))));
  }
  return (
    <fieldset className="field" aria-describedby={`${id}-hint`}>
      <legend>{legend}</legend>
      <span className="hint" id={`${id}-hint`}>
        {hint}
      </span>
      {loading ? <span className="skeleton" role="status" aria-label="Loading scopes" /> : null}
      {choices.map((scope) => (
        <label key={scope} className="checkbox">
          <input type="checkbox" checked={scopes.includes(scope)} onChange={(event) => toggle(scope, event.target.checked)} />
          <code>{scope}</code>
        </label>
      ))}
    </fieldset>
  );
}
