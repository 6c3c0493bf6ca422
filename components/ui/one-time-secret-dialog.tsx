"use client";

import { type ReactNode, useId, useState } from "react";
import { CopyButton } from "./copy-button";
import { Dialog } from "./dialog";

export interface RevealedValue {
  label: string;
  value: string;
}

/**
 * Shows a secret the server will never show again. It cannot be dismissed by
 * accident (no Escape, no outside click): closing needs the user to confirm
 * they stored the secret. The caller holds the secret only in component state
 * and drops it in `onClose`, so nothing of it remains on the page.
 */
export function OneTimeSecretDialog({
  title,
  intro,
  values,
  children,
  acknowledgement = "I have copied the secret and stored it somewhere safe",
  afterwards = "afterwards only its last characters are kept, to tell it apart.",
  onClose,
}: {
  title: string;
  intro: ReactNode;
  values: RevealedValue[];
  /** More ways to take the secret away: downloads, a ready-to-run command. */
  children?: ReactNode;
  acknowledgement?: string;
  /** What the server keeps of the secret, completing "Copy it now; …". */
  afterwards?: string;
  onClose: () => void;
}) {
  const [acknowledged, setAcknowledged] = useState(false);
  const checkboxId = useId();
  return (
    <Dialog
      open
      onOpenChange={(open) => {
        if (!open && acknowledged) onClose();
      }}
      title={title}
      description={intro}
      dismissible={false}
      holdsUnsavedWork
      wide
      footer={
        <button type="button" className="btn btn-primary" disabled={!acknowledged} onClick={onClose}>
          Close
        </button>
      }
    >
      <div className="notice" role="note">
        <strong>This secret will not be shown again.</strong> Copy it now; {afterwards}
      </div>
      <dl className="secret-list">
        {values.map((item) => (
          <div key={item.label} className="secret-item">
            <dt>{item.label}</dt>
            <dd>
              <code className="secret-value" role="group" aria-label={item.label}>
                {item.value}
              </code>
              <CopyButton value={item.value} label={`Copy ${item.label.toLowerCase()}`} />
            </dd>
          </div>
        ))}
      </dl>
      {children}
      <label className="checkbox" htmlFor={checkboxId}>
        <input id={checkboxId} type="checkbox" checked={acknowledged} onChange={(event) => setAcknowledged(event.target.checked)} />
        {acknowledgement}
      </label>
    </Dialog>
  );
}

/** Offers `content` as a file download without it ever touching a URL or storage beyond a short-lived blob. */
export function DownloadButton({ filename, content, type, label }: { filename: string; content: string; type: string; label: string }) {
  function download() {
    const url = URL.createObjectURL(new Blob([content], { type }));
    const link = document.createElement("a");
    link.href = url;
    link.download = filename;
    link.click();
    URL.revokeObjectURL(url);
  }
  return (
    <button type="button" className="btn btn-secondary btn-small" onClick={download}>
      {label}
    </button>
  );
}

/** A ready-to-run command under its heading, with a copy button: how a secret dialog shows what to do with the secret. */
export function CurlCommand({ title, command }: { title: string; command: string }) {
  return (
    <>
      <div className="section-header">
        <h3 className="dialog-subtitle">{title}</h3>
        <CopyButton value={command} label="Copy curl command" />
      </div>
      <pre className="code-block" role="group" aria-label="curl command">
        {command}
      </pre>
    </>
  );
}
