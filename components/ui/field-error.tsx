/** What ties a control without a hint to its FieldError (`${id}-error`): aria-invalid and aria-describedby while there is an error. */
export const errorAria = (id: string, error: string | null | undefined) => ({
  "aria-invalid": error ? true : undefined,
  "aria-describedby": error ? `${id}-error` : undefined,
});

/** A field's error, under the id its input names in aria-describedby; nothing while there is none. */
export function FieldError({ id, error }: { id: string; error?: string | null }) {
  return error ? (
    <div id={id} className="field-error">
      {error}
    </div>
  ) : null;
}
