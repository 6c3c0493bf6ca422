import type { ReactNode } from "react";
import type { ConsoleObjectRef } from "@/domain/object-exists";
import { AdminOnly } from "@/components/console/admin-only";
import { requireConsoleUser } from "@/app/(console)/current-user";
import { requireObject } from "@/app/(console)/require-object";

type ConsoleUser = Awaited<ReturnType<typeof requireConsoleUser>>;

/**
 * A page that changes things: the signed-in user (else the login page, which
 * comes back to `path`), the object it edits (else the 404 page), then its
 * `header` for everyone and its `body` for admins only; a viewer is told why.
 */
export async function adminPage({
  path,
  object,
  header,
  body,
}: {
  path: string;
  object?: ConsoleObjectRef;
  header?: ReactNode;
  body: (user: ConsoleUser) => ReactNode;
}) {
  const user = await requireConsoleUser(path);
  if (object) await requireObject(object);
  return (
    <>
      {header}
      <AdminOnly role={user.role}>{body(user)}</AdminOnly>
    </>
  );
}
