"use client";

import { useEffect, useRef, useState } from "react";

type CopyState = "idle" | "copied" | "manual";

const copyShortcut = () => (/Mac|iPhone|iPad/.test(navigator.userAgent) ? "⌘+C" : "Ctrl+C");

/**
 * Copies `value` to the clipboard and says so, to screen readers too. Over
 * plain http on any host but localhost the browser has no clipboard API
 * (`navigator.clipboard` is undefined): then the value is put in a field,
 * selected, and the user is told which keys copy it, rather than nothing
 * happening in a dialog that shows a secret only once.
 */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<CopyState>("idle");
  const [shortcut, setShortcut] = useState("Ctrl+C");
  const field = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    if (state !== "manual") return;
    field.current?.focus();
    field.current?.select();
  }, [state]);

  async function copy() {
    clearTimeout(timer.current);
    try {
      if (!navigator.clipboard?.writeText) throw new Error("no clipboard in this context");
      await navigator.clipboard.writeText(value);
      setState("copied");
      timer.current = setTimeout(() => setState("idle"), 2000);
    } catch {
      setShortcut(copyShortcut());
      setState("manual");
    }
  }

  const announcement = state === "copied" ? "Copied" : state === "manual" ? `Selected: press ${shortcut} to copy` : "";
  return (
    <span className="copy">
      <button type="button" className="btn btn-secondary btn-small" onClick={copy} aria-label={label}>
        {state === "copied" ? "Copied" : "Copy"}
      </button>
      {state === "manual" ? (
        <span className="copy-manual">
          <input ref={field} readOnly value={value} aria-label={`${label.replace(/^Copy /, "")}, selected`} onFocus={(event) => event.currentTarget.select()} />
          <span className="copy-hint">Press {shortcut} to copy</span>
        </span>
      ) : null}
      <span className="sr-only" aria-live="polite">
        {announcement}
      </span>
    </span>
  );
}
