"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { SignInFields, useSignIn } from "@/components/auth/form-parts";
import { FormAlert } from "@/components/ui/form-alert";
import { Dialog } from "@/components/ui/dialog";
import { activityResolutionMs, idleWarningMs } from "@/lib/session-timing";
import { onSignInNeeded, signedIn } from "./session-renewal";

type State = { kind: "active" } | { kind: "warning"; deadline: number } | { kind: "ended"; idle: boolean };

/** Any request with the session cookie records use; this is the smallest. */
async function keepAlive(): Promise<boolean> {
  try {
    const response = await fetch("/api/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ viewer { id } }" }),
    });
    return response.status !== 401;
  } catch {
    // Unreachable says nothing about the session: the next try will tell.
    return true;
  }
}

const ACTIVITY_EVENTS = ["pointerdown", "keydown", "input", "wheel", "touchstart"] as const;

/**
 * Keeps the session of someone working alive, warns before the idle timeout
 * with "Stay signed in", and when the session has ended (idle, revoked, its
 * lifetime over) asks to sign in again in a dialog over the page, so nothing
 * typed is lost; requests that were refused meanwhile are sent again
 * (session-renewal.ts).
 */
export function SessionDialog({ email, idleTimeoutMinutes }: { email: string; idleTimeoutMinutes: number }) {
  const [state, setState] = useState<State>({ kind: "active" });
  const [secondsLeft, setSecondsLeft] = useState(0);
  const lastPing = useRef(Date.now());
  const stateRef = useRef(state);
  stateRef.current = state;
  const timeoutMs = idleTimeoutMinutes * 60_000;
  const resolution = activityResolutionMs(timeoutMs);

  const ping = useCallback(async () => {
    lastPing.current = Date.now();
    if (!(await keepAlive())) setState({ kind: "ended", idle: false });
  }, []);

  // Refused requests open the sign-in dialog.
  useEffect(() => onSignInNeeded((needed) => (needed ? setState({ kind: "ended", idle: false }) : setState({ kind: "active" }))), []);

  // Use of the page counts as use of the session: pinged at most once per
  // resolution, so a short timeout holds for someone typing a long form.
  useEffect(() => {
    const onActivity = () => {
      if (stateRef.current.kind !== "active") return;
      if (Date.now() - lastPing.current >= resolution) void ping();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [ping, resolution]);

  // The clock: the server may have recorded the last use up to one resolution
  // before the last ping, so the session is sure to last until then plus the timeout.
  useEffect(() => {
    const timer = setInterval(() => {
      const deadline = lastPing.current - resolution + timeoutMs;
      const left = deadline - Date.now();
      const current = stateRef.current;
      if (current.kind === "ended") return;
      if (left <= 0) setState({ kind: "ended", idle: true });
      else if (left <= idleWarningMs(timeoutMs)) {
        if (current.kind !== "warning") setState({ kind: "warning", deadline });
        setSecondsLeft(Math.ceil(left / 1000));
      } else if (current.kind === "warning") setState({ kind: "active" });
    }, 1000);
    return () => clearInterval(timer);
  }, [resolution, timeoutMs]);

  if (state.kind === "warning") {
    return (
      <Dialog
        open
        onOpenChange={() => {}}
        dismissible={false}
        title="Still there?"
        description={`You will be signed out in ${secondsLeft} s because the console has not been used for a while.`}
        footer={
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              setState({ kind: "active" });
              void ping();
            }}
          >
            Stay signed in
          </button>
        }
      />
    );
  }
  if (state.kind === "ended") {
    return (
      <SignInDialog
        email={email}
        idle={state.idle}
        onSignedIn={() => {
          lastPing.current = Date.now();
          setState({ kind: "active" });
          signedIn();
        }}
      />
    );
  }
  return null;
}

function SignInDialog({ email, idle, onSignedIn }: { email: string; idle: boolean; onSignedIn: () => void }) {
  const signIn = useSignIn(onSignedIn);

  return (
    <Dialog
      open
      onOpenChange={() => {}}
      dismissible={false}
      title="Sign in to continue"
      description={`${idle ? "Your session ended after a time without use." : "Your session has ended."} Sign in again: this page and what you typed stay as they are, and what you were saving is sent again.`}
    >
      <form onSubmit={signIn.submit} noValidate data-no-unsaved-work>
        <FormAlert message={signIn.formError} />
        <SignInFields idPrefix="session-" email={email} focus="password" />
        <div className="dialog-footer">
          <button type="submit" className="btn btn-primary" disabled={signIn.busy}>
            {signIn.busy ? "Signing in…" : "Sign in"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
