"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import { useCanWrite } from "@/components/console/console-providers";
import { LabelEditor } from "@/components/labels/label-editor";
import type { Credential } from "@/components/integration-systems/credentials-table";
import { ObjectCredentials } from "./object-credentials";
import { ObjectWebhooks } from "./object-webhooks";
import { UnregisterDialog } from "./unregister-dialog";
import type { ObjectKindName, PairingToken, RequestedCredential } from "./console-kind";
import { ObjectPairing } from "./object-pairing";
import { EditAndRemoveActions, PageHeader } from "@/components/console/page-header";

/**
 * The loaded page of an application or a runtime: header with Edit and
 * Unregister, its details, labels and credentials. What differs between the
 * two kinds comes in as props: the details list, the edit dialog and the
 * mutations.
 */
export function ObjectPage({
  kind,
  object,
  tenantId,
  tenantName,
  details,
  credentials,
  setLabel,
  deleteLabel,
  requestCredential,
  requestOneTimeToken,
  revokeCredential,
  unregister,
  unregisterDescription,
  afterUnregisterHref,
  editDialog,
  refetch,
  sections,
}: {
  kind: ObjectKindName;
  object: { id: string; name: string; labels?: unknown };
  tenantId: string;
  tenantName: string | undefined;
  /** The `<dt>`/`<dd>` pairs of the details card. */
  details: ReactNode;
  credentials: Credential[];
  setLabel: (key: string, value: unknown) => Promise<unknown>;
  deleteLabel: (key: string) => Promise<unknown>;
  requestCredential: () => Promise<RequestedCredential | null | undefined>;
  requestOneTimeToken: () => Promise<PairingToken | null | undefined>;
  revokeCredential: (authId: string) => Promise<unknown>;
  unregister: () => Promise<unknown>;
  unregisterDescription: string;
  afterUnregisterHref: string;
  editDialog: (close: () => void) => ReactNode;
  refetch: () => Promise<unknown>;
  /** What lives under the object, below its credentials. */
  sections?: ReactNode;
}) {
  const canWrite = useCanWrite();
  const router = useRouter();
  const [dialog, setDialog] = useState<"edit" | "unregister" | null>(null);
  const close = () => setDialog(null);
  const title = kind.charAt(0).toUpperCase() + kind.slice(1);

  return (
    <>
      <PageHeader
        title={object.name}
        lead={`${title} in ${tenantName ?? "this tenant"}`}
        actions={canWrite ? <EditAndRemoveActions onEdit={() => setDialog("edit")} removeLabel="Unregister" onRemove={() => setDialog("unregister")} /> : null}
      />
      <section className="card" aria-label="Details">
        <dl className="details-grid">{details}</dl>
      </section>
      <LabelEditor
        tenantId={tenantId}
        labels={object.labels as Record<string, unknown> | null}
        onSet={async (key, value) => {
          await setLabel(key, value);
          await refetch();
        }}
        onDelete={async (key) => {
          await deleteLabel(key);
          await refetch();
        }}
      />
      <ObjectCredentials
        owner={{ kind, name: object.name }}
        credentials={credentials}
        request={requestCredential}
        revoke={revokeCredential}
        onChanged={() => void refetch()}
      />
      <ObjectPairing owner={{ kind, id: object.id, name: object.name }} requestToken={requestOneTimeToken} />
      <ObjectWebhooks owner={{ kind, id: object.id, name: object.name }} tenantId={tenantId} />
      {sections}
      {dialog === "edit" ? editDialog(close) : null}
      {dialog === "unregister" ? (
        <UnregisterDialog
          kind={kind}
          name={object.name}
          description={unregisterDescription}
          unregister={unregister}
          onClose={close}
          onDone={() => router.push(afterUnregisterHref)}
        />
      ) : null}
    </>
  );
}
