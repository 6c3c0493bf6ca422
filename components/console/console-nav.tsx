"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ConsoleSection } from "./sections";

/** The console's sections; the current one is marked for screen readers too. */
export function ConsoleNav({ sections }: { sections: readonly ConsoleSection[] }) {
  const pathname = usePathname();
  return (
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
  );
}
