/** A field's error, under the id its input names in aria-describedby; nothing while there is none. */
export function FieldError({ id, error }: { id: string; error?: string | null }) {
  return error ? (
    <div id={id} className="field-error">
      {error}
    </div>
  ) : null;
}
