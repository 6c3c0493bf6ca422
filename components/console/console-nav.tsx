"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useState } from "react";
import type { ConsoleSection } from "./sections";

/**
 * The console's sections (the current one marked for screen readers too) and
 * the help links (`children`). On a phone they fold behind a Menu button, so
 * the header keeps to one row; choosing a section folds them again.
 */
export function ConsoleNav({ sections, children }: { sections: readonly ConsoleSection[]; children?: ReactNode }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page closes the menu.
  useEffect(() => setOpen(false), [pathname]);
  return (
    <>
      <button type="button" className="btn btn-secondary menu-button" aria-expanded={open} aria-controls="console-menu" onClick={() => setOpen(!open)}>
        Menu
      </button>
      <div id="console-menu" className={open ? "console-menu console-menu-open" : "console-menu"}>
        <nav className="console-nav" aria-label="Console">
          <ul>
            {sections.map((section) => {
              const current = pathname === section.href || pathname.startsWith(`${section.href}/`);
              return (
                <li key={section.href}>
                  <Link href={section.href} aria-current={current ? "page" : undefined}>
                    {section.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        {children}
      </div>
    </>
  );
}
