/** Outcome of posting JSON to one of the /api/auth endpoints. */
export type PostResult = { ok: true } | { ok: false; message: string; field?: string };

const UNREACHABLE = "Could not reach the server. Check your connection and try again.";

/** POSTs `body` as JSON; a 204 is success, anything else carries the server's message. */
export async function postJson(url: string, body: unknown): Promise<PostResult> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  } catch {
    return { ok: false, message: UNREACHABLE };
  }
  if (response.status === 204) return { ok: true };
  const error = (await response.json().catch(() => null)) as { message?: string; field?: string | null } | null;
  return { ok: false, message: error?.message ?? `The server answered HTTP ${response.status}`, field: error?.field ?? undefined };
}

/** The form error above the fields. */
export function FormAlert({ message }: { message: string | null }) {
  return message ? (
    <div className="alert" role="alert">
      {message}
    </div>
  ) : null;
}
