"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { useCanWrite } from "@/components/console/console-providers";
import { CodeView } from "@/components/ui/code-view";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { Timestamp } from "@/components/ui/timestamp";
import { useToast } from "@/components/ui/toast";
import type { ColumnDef } from "@tanstack/react-table";
import { type ChildConsoleKind, defineChildConsoleKind } from "../console-kind";
import { ObjectChildren } from "../object-children";
import { StatusBadge } from "../status-condition";
import { inTenant } from "../tenant-context";
import { BundleFormDialog, DefinitionFormDialog, type EditableDefinition, SetInstanceAuthDialog } from "./bundle-form-dialogs";
import {
  ApplicationApisDocument,
  ApplicationEventsDocument,
  BundleContentsDocument,
  BundlesDocument,
  DeleteApiDefinitionDocument,
  DeleteBundleDocument,
  DeleteBundleInstanceAuthDocument,
  DeleteEventDefinitionDocument,
} from "./bundles.generated";

/**
 * What an application offers, as sections of its page (issue 23): its
 * bundles (each opening its documents and the instance auths runtimes asked
 * for), and its API and event definitions with their specs, readable and
 * downloadable. Written by whoever may change the application.
 */

const dash = <span className="muted">—</span>;
const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? "" : "s"}`;

type Spec = {
  type: string;
  format: string;
  data?: string | null;
  fetchRequest?: { url: string; status: { condition: string; message?: string | null } } | null;
};

/** A spec's type and format, its fetch state, and a button that shows it. */
function SpecCell({ name, spec }: { name: string; spec: Spec | null | undefined }) {
  const [open, setOpen] = useState(false);
  if (!spec) return dash;
  const failed = spec.fetchRequest?.status.condition === "FAILED";
  return (
    <span className="spec-cell">
      <span className="badge">
        {spec.type.replace("_", " ")} · {spec.format}
      </span>{" "}
      {spec.data ? (
        <button type="button" className="btn btn-secondary btn-small" onClick={() => setOpen(true)} aria-label={`View the spec of ${name}`}>
          View
        </button>
      ) : failed ? (
        <span className="badge badge-danger" title={spec.fetchRequest?.status.message ?? undefined}>
          Fetch failed
        </span>
      ) : (
        <span className="muted">{spec.fetchRequest ? "Not fetched yet" : "No text"}</span>
      )}
      {open && spec.data ? (
        <Dialog
          open
          onOpenChange={setOpen}
          wide
          title={`Spec of ${name}`}
          description={
            spec.fetchRequest ? (
              <>
                Fetched from <code>{spec.fetchRequest.url}</code>
              </>
            ) : (
              "Stored as given."
            )
          }
        >
          <CodeView text={spec.data} format={spec.format} fileName={name.replace(/[^\w.-]+/g, "-")} label={`The spec of ${name}`} />
        </Dialog>
      ) : null}
    </span>
  );
}

/** A row of a definitions list: what the shared columns and the form read. */
type DefinitionRow = EditableDefinition & { spec?: Spec | null };

/**
 * API and event definitions are listed alike: name, the API's target URL,
 * group and spec, added and edited with the same form. `what` names the kind.
 */
function definitionKind<ListQuery>(what: "API" | "event", looks: Pick<ChildConsoleKind<DefinitionRow, ListQuery>, "lead" | "documents" | "pageOf">) {
  const noun = `${what} definition` as const;
  return defineChildConsoleKind<DefinitionRow, ListQuery>({
    ...looks,
    kind: noun,
    plural: `${what.toLowerCase()}-definitions`,
    title: what === "API" ? "API definitions" : "Event definitions",
    nameOf: (row) => row.name,
    columns: [
      { id: "name", header: "Name", cell: ({ row }) => <strong>{row.original.name}</strong> },
      ...(what === "API"
        ? [
            {
              id: "target",
              header: "Target URL",
              meta: { className: "cell-truncate", hideOnMobile: true },
              cell: ({ row }) => <code title={row.original.targetURL}>{row.original.targetURL}</code>,
            } satisfies ColumnDef<DefinitionRow>,
          ]
        : []),
      { id: "group", header: "Group", meta: { hideOnMobile: true }, cell: ({ row }) => row.original.group ?? dash },
      { id: "spec", header: "Spec", cell: ({ row }) => <SpecCell name={row.original.name} spec={row.original.spec} /> },
    ],
    emptyHint: `No ${noun}s yet.`,
    unregisterDescription: `The ${noun} and its spec are removed from the application. This cannot be undone.`,
    formDialog: (props) => <DefinitionFormDialog what={what} {...props} />,
  });
}

const API_DEFINITION = definitionKind("API", {
  lead: "The APIs the application offers, in its bundles or on their own, with their specifications (OpenAPI, OData).",
  documents: { list: ApplicationApisDocument, unregister: DeleteApiDefinitionDocument },
  pageOf: (data) => data.apisForApplication,
});

const EVENT_DEFINITION = definitionKind("event", {
  lead: "The events the application sends, with their AsyncAPI specifications.",
  documents: { list: ApplicationEventsDocument, unregister: DeleteEventDefinitionDocument },
  pageOf: (data) => data.eventsForApplication,
});

type BundleRow = NonNullable<NonNullable<ReturnType<typeof bundlePage>>>["data"][number];
const bundlePage = (data: import("./bundles.generated").BundlesQuery) => data.application?.bundles;

/** How many instance auths are in each state, such as "1 pending, 2 succeeded". */
function instanceAuthSummary(instanceAuths: BundleRow["instanceAuths"]) {
  if (!instanceAuths?.length) return dash;
  const counts = new Map<string, number>();
  for (const instanceAuth of instanceAuths) counts.set(instanceAuth.status.condition, (counts.get(instanceAuth.status.condition) ?? 0) + 1);
  return [...counts].map(([condition, count]) => `${count} ${condition.toLowerCase()}`).join(", ");
}

/** A bundle's name, which opens what is in it. */
function BundleName({ tenantId, applicationId, bundle }: { tenantId: string; applicationId: string; bundle: BundleRow }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        {bundle.name}
      </button>
      {open ? <BundleContentsDialog tenantId={tenantId} applicationId={applicationId} bundleId={bundle.id} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function bundleKind(tenantId: string, applicationId: string) {
  return defineChildConsoleKind({
    kind: "bundle",
    plural: "bundles",
    title: "Bundles",
    lead: "APIs, events and documents the application offers together, and the credentials runtimes asked for to call them. Open a bundle to see its documents and instance auths.",
    documents: { list: BundlesDocument, unregister: DeleteBundleDocument },
    pageOf: bundlePage,
    nameOf: (row) => row.name,
    columns: [
      { id: "name", header: "Name", cell: ({ row }) => <BundleName tenantId={tenantId} applicationId={applicationId} bundle={row.original} /> },
      {
        id: "description",
        header: "Description",
        meta: { className: "cell-truncate", hideOnMobile: true },
        cell: ({ row }) => row.original.description ?? dash,
      },
      {
        id: "contents",
        header: "Contents",
        cell: ({ row }) =>
          [
            plural(row.original.apiDefinitions?.totalCount ?? 0, "API"),
            plural(row.original.eventDefinitions?.totalCount ?? 0, "event"),
            plural(row.original.documents?.totalCount ?? 0, "document"),
          ].join(" · "),
      },
      { id: "instance-auths", header: "Instance auths", meta: { hideOnMobile: true }, cell: ({ row }) => instanceAuthSummary(row.original.instanceAuths) },
    ],
    emptyHint: "No bundles yet.",
    unregisterDescription: "The bundle is removed with its API and event definitions, documents and instance auths. This cannot be undone.",
    formDialog: (props) => <BundleFormDialog {...props} />,
  });
}

/** A bundle's documents (readable and downloadable) and its instance auths with their status; an admin sets or deletes them. */
function BundleContentsDialog({
  tenantId,
  applicationId,
  bundleId,
  onClose,
}: {
  tenantId: string;
  applicationId: string;
  bundleId: string;
  onClose: () => void;
}) {
  const canWrite = useCanWrite();
  const toast = useToast();
  const { data, loading, error, refetch } = useQuery(BundleContentsDocument, {
    variables: { appId: applicationId, bundleId },
    context: inTenant(tenantId),
    fetchPolicy: "network-only",
  });
  const [remove] = useMutation(DeleteBundleInstanceAuthDocument, { context: inTenant(tenantId) });
  const [setting, setSetting] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const bundle = data?.application?.bundle;
  return (
    <Dialog open wide onOpenChange={(open) => !open && onClose()} title={bundle ? `Bundle ${bundle.name}` : "Bundle"}>
      {loading && !bundle ? <p className="muted">Loading…</p> : null}
      {error ? <p role="alert">Could not load the bundle: {error.message}</p> : null}
      {bundle ? (
        <>
          <h3>Documents</h3>
          {bundle.documents?.data.length ? (
            <ul className="plain-list">
              {bundle.documents.data.map((document) => (
                <li key={document.id}>
                  <strong>{document.title}</strong> <span className="muted">{document.description}</span>{" "}
                  {document.data ? (
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      onClick={() => setShown(shown === document.id ? null : document.id)}
                      aria-expanded={shown === document.id}
                    >
                      {shown === document.id ? "Hide" : "View"}
                    </button>
                  ) : document.fetchRequest?.status.condition === "FAILED" ? (
                    <span className="badge badge-danger" title={document.fetchRequest.status.message ?? undefined}>
                      Fetch failed
                    </span>
                  ) : null}
                  {shown === document.id && document.data ? (
                    <CodeView text={document.data} format={document.format} fileName={document.title} label={`The document ${document.title}`} />
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No documents.</p>
          )}
          <h3>Instance auths</h3>
          <p className="muted">Credentials runtimes asked for to call this bundle&apos;s APIs. Each runtime reads only its own.</p>
          {bundle.instanceAuths?.length ? (
            <div className="table-wrap">
              <table className="data-table">
                <caption className="sr-only">Instance auths</caption>
                <thead>
                  <tr>
                    <th scope="col">Status</th>
                    <th scope="col">Runtime</th>
                    <th scope="col" className="hide-mobile">
                      Since
                    </th>
                    {canWrite ? <th scope="col">Actions</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {bundle.instanceAuths.map((instanceAuth) => (
                    <tr key={instanceAuth.id}>
                      <td>
                        <StatusBadge condition={instanceAuth.status.condition} />
                        <div className="cell-sub">{instanceAuth.status.message}</div>
                      </td>
                      <td>{instanceAuth.runtimeID ? <code>{instanceAuth.runtimeID}</code> : dash}</td>
                      <td className="hide-mobile">
                        <Timestamp iso={String(instanceAuth.status.timestamp)} />
                      </td>
                      {canWrite ? (
                        <td className="row-actions">
                          {instanceAuth.status.condition === "PENDING" ? (
                            <button type="button" className="btn btn-secondary btn-small" onClick={() => setSetting(instanceAuth.id)}>
                              Set credentials
                            </button>
                          ) : null}{" "}
                          <button type="button" className="btn btn-danger btn-small" onClick={() => setDeleting(instanceAuth.id)}>
                            Delete
                          </button>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">No runtime has asked for credentials yet.</p>
          )}
        </>
      ) : null}
      {setting ? <SetInstanceAuthDialog tenantId={tenantId} instanceAuthId={setting} onClose={() => setSetting(null)} onSaved={() => void refetch()} /> : null}
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title="Delete instance auth"
        description="The runtime's credentials for this bundle are deleted. This cannot be undone."
        confirmLabel="Delete"
        onConfirm={async () => {
          await remove({ variables: { id: deleting! } });
          toast.success("Instance auth deleted");
          setDeleting(null);
          await refetch();
        }}
      />
    </Dialog>
  );
}

/** The application page's sections for what it offers. */
export function ApplicationOffers({ tenantId, applicationId }: { tenantId: string; applicationId: string }) {
  const [bundles] = useState(() => bundleKind(tenantId, applicationId));
  return (
    <>
      <ObjectChildren kind={bundles} tenantId={tenantId} parentId={applicationId} />
      <ObjectChildren kind={API_DEFINITION} tenantId={tenantId} parentId={applicationId} />
      <ObjectChildren kind={EVENT_DEFINITION} tenantId={tenantId} parentId={applicationId} />
    </>
  );
}
