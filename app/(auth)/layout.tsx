import type { ReactNode } from "react";

/** Sign-in and first-admin setup: the brand and one card, nothing that needs a session. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="/">
          Compass Director
        </a>
      </header>
      <main className="main">{children}</main>
    </div>
  );
}
