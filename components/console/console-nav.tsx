"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export const CONSOLE_SECTIONS = [
  { href: "/integration-systems", label: "Integration systems" },
  { href: "/api-tokens", label: "API tokens" },
  // The API refuses the audit log to VIEWERs, so they do not get the link either.
  { href: "/audit-log", label: "Audit log", adminOnly: true },
] as const;

/** The console's sections; the current one is marked for screen readers too. */
export function ConsoleNav({ sections }: { sections: readonly { href: string; label: string }[] }) {
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
