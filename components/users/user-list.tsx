"use client";

import { useQuery } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { DataTable } from "@/components/ui/data-table";
import { actionsColumn, createdColumn } from "@/components/ui/data-table-columns";
import { RowActions } from "@/components/ui/row-actions";
import { useToast } from "@/components/ui/toast";
import { ChangeRoleDialog } from "./change-role-dialog";
import { DeleteUserDialog } from "./delete-user-dialog";
import { InviteUserDialog } from "./invite-user-dialog";
import { PasswordLinkDialog, type PasswordLinkShown } from "./password-link-dialog";
import { ResetPasswordDialog } from "./reset-password-dialog";
import { ROLE_WORDS } from "./role-field";
import { UserApiTokensDialog } from "./user-api-tokens-dialog";
import { UserSessionsDialog } from "./user-sessions-dialog";
import { UsersDocument, type UsersQuery } from "./users.generated";

type Row = UsersQuery["users"][number];
type Action = { kind: "role" | "reset" | "sessions" | "apiTokens" | "delete"; user: Row };

/**
 * Everyone who can sign in to the console, for admins: invite, change roles,
 * reset passwords, end sessions, revoke API tokens and delete. A new link lives only in this
 * component's state while its dialog is open.
 */
export function UserList({ currentUserId }: { currentUserId: string }) {
  const toast = useToast();
  const [inviting, setInviting] = useState(false);
  const [action, setAction] = useState<Action | null>(null);
  const [link, setLink] = useState<PasswordLinkShown | null>(null);
  const { data, loading, error, refetch } = useQuery(UsersDocument, { notifyOnNetworkStatusChange: true });

  const columns = useMemo<ColumnDef<Row>[]>(
    () => [
      {
        id: "email",
        header: "Email",
        meta: { className: "cell-stack" },
        cell: ({ row }) => (
          <>
            <span className="row-title cell-main user-email">
              {row.original.email}
              {row.original.id === currentUserId ? (
                <>
                  {" "}
                  <span className="badge">You</span>
                </>
              ) : null}
            </span>
            {/* The role column is hidden on phones: the role goes under the email there. */}
            <span className="cell-sub mobile-only">{ROLE_WORDS[row.original.role].label}</span>
          </>
        ),
      },
      {
        id: "role",
        header: "Role",
        meta: { hideOnMobile: true },
        cell: ({ row }) => <span className={`badge badge-${row.original.role.toLowerCase()}`}>{ROLE_WORDS[row.original.role].label}</span>,
      },
      createdColumn<Row>("Added"),
      actionsColumn<Row>((user) => (
        <div className="stacked-actions">
          <RowActions
            name={user.email}
            actions={[
              { label: "Change role", onClick: () => setAction({ kind: "role", user }) },
              { label: "Reset password", onClick: () => setAction({ kind: "reset", user }) },
              { label: "Sessions", onClick: () => setAction({ kind: "sessions", user }) },
              { label: "API tokens", onClick: () => setAction({ kind: "apiTokens", user }) },
              { label: "Delete", danger: true, onClick: () => setAction({ kind: "delete", user }) },
            ]}
          />
        </div>
      )),
    ],
    [currentUserId],
  );

  const close = (open: boolean) => !open && setAction(null);
  const inviteButton = (
    <button type="button" className="btn btn-primary" onClick={() => setInviting(true)}>
      Invite user
    </button>
  );

  return (
    <>
      <div className="toolbar">
        <span className="muted" aria-live="polite">
          {data ? `${data.users.length} ${data.users.length === 1 ? "user" : "users"}` : null}
        </span>
        <div className="toolbar-actions">{inviteButton}</div>
      </div>
      <DataTable
        caption="Console users"
        columns={columns}
        data={error ? [] : (data?.users ?? [])}
        loading={loading}
        error={error}
        onRetry={() => void refetch()}
        empty={<p>No users.</p>}
        getRowId={(row) => row.id}
      />
      <InviteUserDialog
        open={inviting}
        onOpenChange={setInviting}
        onInvited={(shown) => {
          setInviting(false);
          setLink(shown);
        }}
      />
      {action?.kind === "role" ? <ChangeRoleDialog user={action.user} onOpenChange={close} /> : null}
      {action?.kind === "delete" ? <DeleteUserDialog user={action.user} onOpenChange={close} /> : null}
      {action?.kind === "sessions" ? <UserSessionsDialog user={action.user} onOpenChange={close} /> : null}
      {action?.kind === "apiTokens" ? <UserApiTokensDialog user={action.user} onOpenChange={close} /> : null}
      {action?.kind === "reset" ? (
        <ResetPasswordDialog
          user={action.user}
          onOpenChange={close}
          onCreated={(shown) => {
            setAction(null);
            setLink(shown);
          }}
        />
      ) : null}
      {link ? (
        <PasswordLinkDialog
          link={link}
          onClose={() => {
            setLink(null);
            // After the reveal, not during it: the modal would hide the toast from screen readers.
            toast.success(link.kind === "invitation" ? `Invited ${link.email}` : `Reset link created for ${link.email}`);
          }}
        />
      ) : null}
    </>
  );
}
