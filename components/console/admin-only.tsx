import type { ReactNode } from "react";

/** What a VIEWER sees on a page that only changes things. */
export function AdminOnly({ role, children }: { role: "ADMIN" | "VIEWER"; children: ReactNode }) {
  if (role === "ADMIN") return <>{children}</>;
  return (
    <div className="notice" role="note">
      Your account has the Viewer role: it can read everything except secrets, but cannot change anything. Ask an admin to make this change.
    </div>
  );
}
