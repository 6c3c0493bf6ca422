import { headers } from "next/headers";
import type { ReactNode } from "react";
import { LogoutButton } from "../../components/auth/logout-button";
import { ConsoleNav } from "../../components/console/console-nav";
import { ConsoleProviders } from "../../components/console/console-providers";
import { requireConsoleUser } from "@/app/(console)/current-user";
import { sectionsFor } from "../../components/console/sections";

export const dynamic = "force-dynamic";

/** Every console page: signed-in users only, with the section navigation and who is signed in. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireConsoleUser((await headers()).get("x-console-path") ?? "/");
  return (
    <div className="shell">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="topbar">
        <a className="brand" href="/">
          Compass Director
        </a>
        <ConsoleNav sections={sectionsFor(user.role)} />
        <div className="whoami">
          <span className="whoami-email">{user.email}</span>
          <span className={`badge badge-${user.role.toLowerCase()}`}>{user.role === "ADMIN" ? "Admin" : "Viewer"}</span>
          <LogoutButton />
        </div>
      </header>
      <main className="main" id="content">
        <ConsoleProviders role={user.role}>{children}</ConsoleProviders>
      </main>
    </div>
  );
}
