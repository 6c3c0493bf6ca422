"use client";

import Link from "next/link";
import { useCanWrite } from "./console-providers";

/**
 * A list's primary action that changes things ("Create tenant"), shown only
 * to those who may write: a link to the page that does it, or a button that
 * opens its dialog.
 */
export function WriteAction({ label, ...target }: { label: string } & ({ href: string } | { onClick: () => void })) {
  const canWrite = useCanWrite();
  if (!canWrite) return null;
  return "href" in target ? (
    <Link className="btn btn-primary" href={target.href}>
      {label}
    </Link>
  ) : (
    <button type="button" className="btn btn-primary" onClick={target.onClick}>
      {label}
    </button>
  );
}
