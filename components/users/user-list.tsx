"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { inApiWords } from "@/components/console/graphql-problem";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, queryRows } from "@/components/ui/data-table";
import { ListPagination } from "@/components/ui/data-table-pagination";
import { Timestamp } from "@/components/ui/timestamp";
import { useListUrlState } from "@/components/ui/use-list-url-state";
import { actionsColumn, createdColumn, titleColumn } from "@/components/ui/data-table-columns";
import { RowActions } from "@/components/ui/row-actions";
import { useToast } from "@/components/ui/toast";
import { useCreateThenReveal } from "@/components/ui/use-create-then-reveal";
import { ChangeRoleDialog } from "./change-role-dialog";
import { InviteUserDialog } from "./invite-user-dialog";
import { PasswordLinkDialog, type PasswordLinkShown } from "./password-link-dialog";
import { ResetPasswordDialog } from "./reset-password-dialog";
import { ROLE_WORDS } from "./role-field";
import { UserApiTokensDialog } from "./user-api-tokens-dialog";
import { UserSessionsDialog } from "./user-sessions-dialog";
import {
  DeleteUserDocument,
  EndAllSessionsDocument,
  ResendInvitationDocument,
  RevokeInvitationDocument,
  UsersDocument,
  type UsersQuery,
} from "./users.generated";
import { CountToolbar } from "@/components/ui/data-table-toolbar";
import { TitleBadge } from "@/components/ui/title-badge";

type Row = UsersQuery["userPage"]["data"][number];
type Action = { kind: "role" | "reset" | "sessions" | "endSessions" | "apiTokens" | "delete" | "resendInvitation" | "revokeInvitation"; user: Row };

const NO_SORT_FIELDS: readonly string[] = [];

/**
 * Everyone who can sign in to the console, for admins, a page at a time (the
 * page in the URL): invite (and resend or revoke a pending invitation), change
 * roles, reset passwords, end one or all sessions, revoke API tokens and
 * delete. A new link lives only in this component's state while its dialog is open.
 */
export function UserList({ currentUserId }: { currentUserId: string }) {
  const toast = useToast();
  const [action, setAction] = useState<Action | null>(null);
  // Invitations and reset links alike: shown once, then gone.
  const links = useCreateThenReveal<PasswordLinkShown>((link) =>
    link.kind === "invitation" ? `Invited ${link.email}` : `Reset link created for ${link.email}`,
  );
  const list = useListUrlState(NO_SORT_FIELDS, 50);
  const { data, previousData, loading, error, refetch } = useQuery(UsersDocument, {
    variables: { first: list.pageSize, after: list.after },
    notifyOnNetworkStatusChange: true,
  });
  const page = (data ?? previousData)?.userPage;
  const [resend] = useMutation(ResendInvitationDocument, { fetchPolicy: "no-cache" });
  const [revokeInvitation] = useMutation(RevokeInvitationDocument, { refetchQueries: ["Users"], awaitRefetchQueries: true });
  const [endAll] = useMutation(EndAllSessionsDocument);
  const [remove] = useMutation(DeleteUserDocument, { refetchQueries: ["Users"], awaitRefetchQueries: true });

  const columns = useMemo<ColumnDef<Row>[]>(
    () => [
      titleColumn<Row>("email", "Email", (user) => (
        <>
          <span className="row-title cell-main user-email">
            {user.email}
            <TitleBadge shown={user.id === currentUserId}>You</TitleBadge>
            <TitleBadge shown={user.invitationPending} tone="warning">
              Invitation pending
            </TitleBadge>
          </span>
          {/* The role and last sign-in columns are hidden on phones, so the actions fit beside a long email: they go under it there. */}
          <span className="cell-sub mobile-only">{ROLE_WORDS[user.role].label}</span>
          <span className="cell-sub mobile-only">
            {user.lastSignInAt ? (
              <>
                Signed in <Timestamp iso={user.lastSignInAt} relative />
              </>
            ) : (
              "Never signed in"
            )}
          </span>
        </>
      )),
      {
        id: "role",
        header: "Role",
        meta: { hideOnMobile: true },
        cell: ({ row }) => <span className={`badge badge-${row.original.role.toLowerCase()}`}>{ROLE_WORDS[row.original.role].label}</span>,
      },
      {
        id: "lastSignInAt",
        header: "Last sign-in",
        meta: { hideOnMobile: true },
        cell: ({ row }) => (row.original.lastSignInAt ? <Timestamp iso={row.original.lastSignInAt} relative /> : <span className="muted">Never</span>),
      },
      createdColumn<Row>("Added"),
      actionsColumn<Row>((user) => (
        <div className="stacked-actions">
          <RowActions
            name={user.email}
            actions={
              user.invitationPending
                ? [
                    { label: "Resend invitation", onClick: () => setAction({ kind: "resendInvitation", user }) },
                    { label: "Change role", onClick: () => setAction({ kind: "role", user }) },
                    { label: "Revoke invitation", danger: true, onClick: () => setAction({ kind: "revokeInvitation", user }) },
                  ]
                : [
                    { label: "Change role", onClick: () => setAction({ kind: "role", user }) },
                    { label: "Reset password", onClick: () => setAction({ kind: "reset", user }) },
                    { label: "Sessions", onClick: () => setAction({ kind: "sessions", user }) },
                    { label: "End all sessions", onClick: () => setAction({ kind: "endSessions", user }) },
                    { label: "API tokens", onClick: () => setAction({ kind: "apiTokens", user }) },
                    { label: "Delete", danger: true, onClick: () => setAction({ kind: "delete", user }) },
                  ]
            }
          />
        </div>
      )),
    ],
    [currentUserId],
  );

  const close = (open: boolean) => !open && setAction(null);
  const confirmation = action ? confirmationOf(action) : null;
  /** The row actions that only ask before they act: what each asks, and what it does once the admin agrees. */
  function confirmationOf({ kind, user }: Action): { title: string; description: string; confirmLabel: string; run: () => Promise<void> } | null {
    switch (kind) {
      case "endSessions":
        return {
          title: `End all sessions of ${user.email}?`,
          description: "Every browser signed in as this user is signed out at its next request (yours too, if this is you). Their API tokens keep working.",
          confirmLabel: "End all sessions",
          run: async () => {
            const { data: ended } = await endAll({ variables: { userId: user.id } });
            toast.success(`Ended ${ended?.endAllSessions ?? 0} ${ended?.endAllSessions === 1 ? "session" : "sessions"} of ${user.email}`);
          },
        };
      case "resendInvitation":
        return {
          title: `Resend the invitation of ${user.email}?`,
          description: "A new one-time link (24 hours) replaces the old one, which stops working. You pass the new link on.",
          confirmLabel: "Create new link",
          run: async () => {
            const { data: sent } = await resend({ variables: { id: user.id } });
            if (sent) links.reveal({ url: sent.resendInvitation.url, expiresAt: sent.resendInvitation.expiresAt, email: user.email, kind: "invitation" });
          },
        };
      case "delete":
        return {
          title: `Delete ${user.email}?`,
          description: "They are signed out at once, and their API tokens stop working. The audit log keeps what they did. This cannot be undone.",
          confirmLabel: "Delete user",
          run: async () => {
            await remove({ variables: { id: user.id } });
            toast.success(`Deleted ${user.email}`);
          },
        };
      case "revokeInvitation":
        return {
          title: `Revoke the invitation of ${user.email}?`,
          description: "The invitation link stops working and the invited account, which has never signed in, is removed. You can invite them again later.",
          confirmLabel: "Revoke invitation",
          run: async () => {
            await revokeInvitation({ variables: { id: user.id } });
            toast.success(`Revoked the invitation of ${user.email}`);
          },
        };
      default:
        return null;
    }
  }
  const inviteButton = (
    <button type="button" className="btn btn-primary" onClick={links.start}>
      Invite user
    </button>
  );

  return (
    <>
      <CountToolbar count={page?.totalCount} noun="user">
        {inviteButton}
      </CountToolbar>
      <DataTable
        caption="Console users"
        columns={columns}
        {...queryRows({ loading, error, refetch }, page?.data)}
        empty={<p>No users.</p>}
        getRowId={(row) => row.id}
      />
      <ListPagination list={list} page={page} idPrefix="users" />
      {links.creating ? <InviteUserDialog onClose={links.cancel} onInvited={links.reveal} /> : null}
      {action?.kind === "role" ? <ChangeRoleDialog user={action.user} onOpenChange={close} /> : null}
      {action?.kind === "sessions" ? <UserSessionsDialog user={action.user} onOpenChange={close} /> : null}
      {action?.kind === "apiTokens" ? <UserApiTokensDialog user={action.user} onOpenChange={close} /> : null}
      {confirmation ? (
        <ConfirmDialog
          onOpenChange={close}
          title={confirmation.title}
          description={confirmation.description}
          confirmLabel={confirmation.confirmLabel}
          onConfirm={async () => {
            await inApiWords(confirmation.run());
          }}
        />
      ) : null}
      {action?.kind === "reset" ? (
        <ResetPasswordDialog
          user={action.user}
          onOpenChange={close}
          onCreated={(shown) => {
            setAction(null);
            links.reveal(shown);
          }}
        />
      ) : null}
      {links.shown ? <PasswordLinkDialog link={links.shown} onClose={links.close} /> : null}
    </>
  );
}
