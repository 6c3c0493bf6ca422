/** The form error above the fields; nothing when there is none. */
export function FormAlert({ message }: { message: string | null }) {
  return message ? (
    <div className="alert" role="alert">
      {message}
    </div>
  ) : null;
}
