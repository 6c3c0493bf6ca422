/** Outcome of posting JSON to one of the /api/auth endpoints. */
export type PostResult =
  | { ok: true }
  | {
      ok: false;
      /** 0 when the server could not be reached. */
      status: number;
      message: string;
      field?: string;
      /** From Retry-After, when the server asks to wait (429). */
      retryAfterSeconds?: number;
    };

const UNREACHABLE = "Could not reach the server. Check your connection and try again.";

/** POSTs `body` as JSON; a 204 is success, anything else carries the server's message. */
export async function postJson(url: string, body: unknown): Promise<PostResult> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  } catch {
    return { ok: false, status: 0, message: UNREACHABLE };
  }
  if (response.status === 204) return { ok: true };
  const error = (await response.json().catch(() => null)) as { message?: string; field?: string | null } | null;
  const retryAfter = Number(response.headers.get("retry-after"));
  return {
    ok: false,
    status: response.status,
    message: error?.message ?? `The server answered HTTP ${response.status}`,
    field: error?.field ?? undefined,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  };
}

/** What a refused sign-in says: a throttle in words ("wait 15 minutes") rather than the API's seconds, else the server's message. */
export function signInProblem(result: Extract<PostResult, { ok: false }>): string {
  if (result.status !== 429) return result.message;
  return result.retryAfterSeconds
    ? `Too many failed sign-in attempts. Wait ${formatWait(result.retryAfterSeconds)}, then try again.`
    : "Too many failed sign-in attempts. Wait a while, then try again.";
}

/** "1 second", "40 seconds", "3 minutes": a wait as people say it, rounded up so they never come back too early. */
function formatWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}
