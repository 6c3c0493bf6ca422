import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { AdminOnly } from "@/components/console/admin-only";
import { UserList } from "@/components/users/user-list";
import { requireConsoleUser } from "@/app/(console)/current-user";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requireConsoleUser("/users");
  return (
    <>
      <PageHeader
        title="Users"
        lead="Everyone who can sign in to this console. Admins change everything and manage users; viewers read everything but secrets. Invitations and password resets are one-time links that you pass on."
      />
      <AdminOnly role={user.role}>
        <UserList currentUserId={user.id} />
      </AdminOnly>
    </>
  );
}
