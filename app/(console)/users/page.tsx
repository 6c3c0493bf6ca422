import type { Metadata } from "next";
import { adminPage } from "@/app/(console)/admin-page";
import { PageHeader } from "@/components/console/page-header";
import { UserList } from "@/components/users/user-list";

export const metadata: Metadata = { title: "Users" };

const LEAD =
  "Everyone who can sign in to this console. Admins change everything and manage users; viewers read everything but secrets. Invitations and password resets are one-time links that you pass on.";

export default function UsersPage() {
  return adminPage({ path: "/users", header: <PageHeader title="Users" lead={LEAD} />, body: (user) => <UserList currentUserId={user.id} /> });
}
