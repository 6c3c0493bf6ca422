"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { useCanWrite } from "@/components/console/console-providers";
import { graphqlProblem } from "@/components/console/graphql-problem";
import { ConfirmRowAction } from "@/components/ui/confirm-row-action";
import { DataTable } from "@/components/ui/data-table";
import { actionsColumn, createdColumn } from "@/components/ui/data-table-columns";
import { RowActions } from "@/components/ui/row-actions";
import { useToast } from "@/components/ui/toast";
import type { ObjectKindName } from "./console-kind";
import { inTenant } from "./tenant-context";
import { WebhookFormDialog } from "./webhook-form-dialog";
import { type WebhookRow, typeLabel } from "./webhook-row";
import { ApplicationWebhooksDocument, DeleteWebhookDocument, RuntimeWebhooksDocument } from "./webhooks.generated";
import { PageSection } from "@/components/ui/page-section";

/**
 * What the table says of a webhook's auth: its kind and non-secret name,
 * never a secret. Admins read every auth (webhooks.auth:read), so none is
 * "None"; a viewer's read leaves it out, which is "Not shown", not "None".
 */
function authLabel(auth: WebhookRow["auth"], readsAuth: boolean) {
  const credential = auth?.credential;
  if (!auth) return <span className="muted">{readsAuth ? "None" : "Not shown"}</span>;
  if (!credential) return "Headers or parameters only";
  if (credential.__typename === "BasicCredentialData") return `Basic (${credential.username})`;
  if (credential.__typename === "OAuthCredentialData") return `OAuth (${credential.clientId})`;
  return `Certificate OAuth (${credential.clientId})`;
}

/**
 * The webhooks section of an application's or runtime's page: list, add, edit
 * and delete, with the same table and dialogs as the credentials above it.
 * It reads its own list (no secrets in it); the server does not call
 * webhooks yet, and the section says so.
 */
export function ObjectWebhooks({ owner, tenantId }: { owner: { kind: ObjectKindName; id: string; name: string }; tenantId: string }) {
  const canWrite = useCanWrite();
  const toast = useToast();
  const context = inTenant(tenantId);
  const variables = { id: owner.id };
  const applications = useQuery(ApplicationWebhooksDocument, { variables, context, fetchPolicy: "network-only", skip: owner.kind !== "application" });
  const runtimes = useQuery(RuntimeWebhooksDocument, { variables, context, fetchPolicy: "network-only", skip: owner.kind !== "runtime" });
  const query = owner.kind === "application" ? applications : runtimes;
  const webhooks = ((owner.kind === "application" ? applications.data?.application?.webhooks : runtimes.data?.runtime?.webhooks) ?? []) as WebhookRow[];
  const [deleteWebhook] = useMutation(DeleteWebhookDocument, { context });
  const [editing, setEditing] = useState<WebhookRow | "new" | null>(null);
  const [deleting, setDeleting] = useState<WebhookRow | null>(null);
  const refetch = () => void query.refetch();

  const columns = useMemo<ColumnDef<WebhookRow>[]>(
    () => [
      { id: "type", header: "Type", cell: ({ row }) => typeLabel(row.original.type) },
      {
        id: "target",
        header: "Target",
        cell: ({ row }) => <code className="webhook-target">{row.original.url ?? row.original.urlTemplate}</code>,
      },
      { id: "mode", header: "Mode", meta: { hideOnMobile: true }, cell: ({ row }) => (row.original.mode ? typeLabel(row.original.mode) : "—") },
      { id: "auth", header: "Authentication", meta: { hideOnMobile: true }, cell: ({ row }) => authLabel(row.original.auth, canWrite) },
      createdColumn<WebhookRow>("Added"),
      ...(canWrite
        ? [
            actionsColumn<WebhookRow>((webhook) => (
              <RowActions
                name={`${typeLabel(webhook.type)} webhook ${webhook.url ?? "with a URL template"}`}
                actions={[
                  { label: "Edit", onClick: () => setEditing(webhook) },
                  { label: "Delete", danger: true, onClick: () => setDeleting(webhook) },
                ]}
              />
            )),
          ]
        : []),
    ],
    [canWrite],
  );

  return (
    <PageSection id="webhooks" title="Webhooks" action={canWrite ? { label: "Add webhook", onClick: () => setEditing("new") } : null}>
      <p className="lead">
        Where the {owner.kind}&apos;s events would be sent. They are stored only: Compass Director does not call webhooks yet. Their credentials are stored
        encrypted and shown to admins only.
      </p>
      {query.error ? (
        <div className="alert" role="alert">
          {graphqlProblem(query.error).message}
        </div>
      ) : (
        <DataTable
          caption="Webhooks"
          columns={columns}
          data={webhooks}
          loading={query.loading && !query.data}
          empty={<p>No webhooks yet.</p>}
          getRowId={(row) => row.id}
        />
      )}
      {editing ? (
        <WebhookFormDialog
          owner={owner}
          tenantId={tenantId}
          webhook={editing === "new" ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            toast.success(editing === "new" ? "Webhook added" : "Webhook saved");
            refetch();
          }}
        />
      ) : null}
      <ConfirmRowAction
        item={deleting}
        onClose={() => setDeleting(null)}
        title="Delete this webhook?"
        description={(webhook) => (
          <>
            The {typeLabel(webhook.type).toLowerCase()} webhook to <code>{webhook.url ?? webhook.urlTemplate}</code>
            {webhook.auth ? " and its stored credentials are" : " is"} deleted from {owner.name}.
          </>
        )}
        confirmLabel="Delete webhook"
        act={(webhook) => deleteWebhook({ variables: { id: webhook.id } })}
        done="Webhook deleted"
        refetch={query.refetch}
      />
    </PageSection>
  );
}
