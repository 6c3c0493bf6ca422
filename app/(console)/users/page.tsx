import type { Metadata } from "next";
import { AdminOnly } from "@/components/console/admin-only";
import { UserList } from "@/components/users/user-list";
import { requireConsoleUser } from "@/app/(console)/current-user";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requireConsoleUser("/users");
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Users</h1>
          <p className="lead">
            Everyone who can sign in to this console. Admins change everything and manage users; viewers read everything but secrets. Invitations and password
            resets are one-time links that you pass on.
          </p>
        </div>
      </div>
      <AdminOnly role={user.role}>
        <UserList currentUserId={user.id} />
      </AdminOnly>
    </>
  );
}
