import { cookies, headers } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { LogoutButton } from "@/components/auth/logout-button";
import { ConsoleNav } from "@/components/console/console-nav";
import { ConsoleProviders } from "@/components/console/console-providers";
import { GlobalSearch } from "@/components/search/global-search";
import { requireConsoleUser } from "@/app/(console)/current-user";
import { sectionsFor } from "@/components/console/sections";
import { THEME_COOKIE, themeFromCookie } from "@/components/console/theme";
import { ThemeToggle } from "@/components/console/theme-toggle";
import { getConfig } from "@/lib/config";

export const dynamic = "force-dynamic";

/** Every console page: signed-in users only, with the section navigation and who is signed in. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireConsoleUser((await headers()).get("x-console-path") ?? "/");
  return (
    <div className="shell">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      {/* The header lives inside the providers: its global search asks the server through the console's client. */}
      <ConsoleProviders
        role={user.role}
        email={user.email}
        idleTimeoutMinutes={getConfig().sessionIdleTimeoutMinutes}
        header={
          <header className="topbar">
            <a className="brand" href="/">
              Compass Director
            </a>
            <GlobalSearch />
            <ConsoleNav sections={sectionsFor(user.role)}>
              <div className="help-links">
                {/* GraphiQL is served by the API route, not a console page: a full page load. */}
                <a href="/api/graphql">GraphiQL</a>
                <Link href="/api-docs">API docs</Link>
              </div>
              <div className="whoami">
                <ThemeToggle initial={themeFromCookie((await cookies()).get(THEME_COOKIE)?.value)} />
                {/* Who is signed in opens their own account (password, sessions): the place people look for it, and the sections keep one row at 1280 px. */}
                <Link href="/account" className="whoami-account">
                  <span className="whoami-email">{user.email}</span>
                  <span className={`badge badge-${user.role.toLowerCase()}`}>{user.role === "ADMIN" ? "Admin" : "Viewer"}</span>
                  <span className="sr-only">Your account</span>
                </Link>
                <LogoutButton />
              </div>
            </ConsoleNav>
          </header>
        }
      >
        {children}
      </ConsoleProviders>
    </div>
  );
}
