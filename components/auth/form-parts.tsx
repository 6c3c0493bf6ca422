"use client";

import { type FormEvent, useState } from "react";

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
function signInProblem(result: Extract<PostResult, { ok: false }>): string {
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

/** A sign-in form (the page's, or the dialog's when a session ends): posts its email and password to /api/auth/login, then `onSignedIn`. */
export function useSignIn(onSignedIn: () => void) {
  const post = useAuthPost();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const signedIn = await post.post(
      () => postJson("/api/auth/login", { email: form.get("email"), password: form.get("password") }),
      (refused) => ({ message: signInProblem(refused) }),
    );
    if (signedIn) onSignedIn();
  }
  return { busy: post.busy, formError: post.formError, submit };
}

/** The state of a form that posts to /api/auth: busy while a post runs, then the server's problem, on one of the form's fields or above it. */
export function useAuthPost<F extends string = never>() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ field?: F; message: string } | null>(null);
  return {
    busy,
    formError: problem && !problem.field ? problem.message : null,
    errorOf: (field: F) => (problem?.field === field ? problem.message : undefined),
    /** Refuses before anything is sent, e.g. when the two passwords differ. */
    refuse: (field: F, message: string) => setProblem({ field, message }),
    /**
     * Sends; true when the server accepted, and the form stays busy while the
     * page moves on. Otherwise `place` says where the server's problem goes
     * (above the form unless it names a field).
     */
    async post(send: () => Promise<PostResult>, place: (refused: Extract<PostResult, { ok: false }>) => { field?: F; message: string }): Promise<boolean> {
      setBusy(true);
      setProblem(null);
      const result = await send();
      if (result.ok) return true;
      setProblem(place(result));
      setBusy(false);
      return false;
    },
  };
}

/** The email and password a sign-in asks for; `idPrefix` keeps their ids apart from another form's on the page. */
export function SignInFields({ idPrefix = "", email, focus }: { idPrefix?: string; email?: string; focus: "email" | "password" }) {
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}email`}>Email</label>
        <input id={`${idPrefix}email`} name="email" type="email" autoComplete="username" defaultValue={email} required autoFocus={focus === "email"} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}password`}>Password</label>
        <input id={`${idPrefix}password`} name="password" type="password" autoComplete="current-password" required autoFocus={focus === "password"} />
      </div>
    </>
  );
}

/** "The passwords do not match" when the new password and its repetition differ, else null: checked before anything is sent. */
export function passwordMismatch(form: HTMLFormElement): string | null {
  const data = new FormData(form);
  return String(data.get("password") ?? "") === data.get("confirm") ? null : "The passwords do not match";
}

/** A new password and its repetition, with the minimum length as a hint and the problem with it, tied to the field for screen readers. */
export function NewPasswordFields({ label, min, error }: { label: string; min: number; error: string | undefined }) {
  return (
    <>
      <div className="field">
        <label htmlFor="password">{label}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={min}
          aria-describedby={error ? "password-hint password-error" : "password-hint"}
          aria-invalid={error ? true : undefined}
        />
        <span id="password-hint" className="hint">
          At least {min} characters.
        </span>
        {error && (
          <span id="password-error" className="field-error">
            {error}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor="confirm">Repeat password</label>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" required />
      </div>
    </>
  );
}
