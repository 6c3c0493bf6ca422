"use client";

import Link from "next/link";
import { useEffect } from "react";

export interface Crumb {
  label: string;
  /** Absent for the page itself, the last crumb. */
  href?: string;
}

const SITE = "Compass Director";

/**
 * Where the page sits ("Integration systems › Billing Sync › Edit"), and the
 * window title with the object's name, so tabs and history say which system
 * or tenant they show. Names come from the page's own query, so both are set
 * here, in the browser, once the name is known.
 */
export function Breadcrumbs({ trail }: { trail: Crumb[] }) {
  const title = [...trail]
    .reverse()
    .map((crumb) => crumb.label)
    .join(" · ");
  useEffect(() => {
    const wanted = `${title} · ${SITE}`;
    const apply = () => {
      if (document.title !== wanted) document.title = wanted;
    };
    apply();
    // Next streams a dynamic page's metadata and may write its generic <title> after this effect ran:
    // while the page is shown, its own title wins.
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [title]);
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <ol>
        {trail.map((crumb, index) => (
          <li key={`${index}-${crumb.label}`}>{crumb.href ? <Link href={crumb.href}>{crumb.label}</Link> : <span aria-current="page">{crumb.label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}
