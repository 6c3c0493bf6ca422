/**
 * Signing in again without leaving the page. When the session has ended, the
 * console link (console-link.ts) waits on `waitForSignIn`; the session dialog
 * (session-dialog.tsx) shows the sign-in form over the page and calls
 * `signedIn` when it worked, and every waiting request is sent again. Many
 * requests fail at once: they share one dialog and one sign-in.
 */
type Listener = (needed: boolean) => void;

let listener: Listener | null = null;
let pending: { promise: Promise<void>; resolve: () => void } | null = null;

/** The dialog registers here while it is mounted; returns the way to stop. */
export function onSignInNeeded(next: Listener): () => void {
  listener = next;
  if (pending) next(true);
  return () => {
    if (listener === next) listener = null;
  };
}

/** Resolves once the user has signed in again; without a dialog on the page, `fallback` (the login page) instead. */
export function waitForSignIn(fallback: () => void): Promise<void> {
  if (!listener) {
    fallback();
    return new Promise(() => {});
  }
  if (!pending) {
    let resolve = () => {};
    const promise = new Promise<void>((done) => {
      resolve = done;
    });
    pending = { promise, resolve };
    listener(true);
  }
  return pending.promise;
}

/** The user signed in again: everything waiting goes on. */
export function signedIn() {
  const done = pending;
  pending = null;
  listener?.(false);
  done?.resolve();
}
