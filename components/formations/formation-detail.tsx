"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { useCanWrite } from "@/components/console/console-providers";
import { DetailStates } from "@/components/console/detail-states";
import { inApiWords } from "@/components/console/graphql-problem";
import { PageHeader } from "@/components/console/page-header";
import { inTenant } from "@/components/tenant-objects/tenant-context";
import { TenantDetailDocument } from "@/components/tenants/tenants.generated";
import { CodeDetail } from "@/components/ui/code-detail";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, queryRows } from "@/components/ui/data-table";
import { PageSection } from "@/components/ui/page-section";
import { actionsColumn } from "@/components/ui/data-table-columns";
import { RowActions } from "@/components/ui/row-actions";
import { Timestamp } from "@/components/ui/timestamp";
import { useToast } from "@/components/ui/toast";
import { AssignDialog, type AssignableKind, KIND_NOUN } from "./assign-dialog";
import { FormationDetailDocument, FormationMembersDocument, UnassignFormationDocument } from "./formations.generated";

interface Member {
  kind: AssignableKind;
  id: string;
  name: string;
}

const PATH_OF_KIND: Record<AssignableKind, string> = { APPLICATION: "applications", RUNTIME: "runtimes" };

/** Compass's label query for "the `scenarios` label holds this name". */
const inScenario = (name: string) => [{ key: "scenarios", query: `$[*] ? (@ == ${JSON.stringify(name)})` }];

/** One formation of a tenant: the applications and runtimes in it, with assign and unassign. */
export function FormationDetail({ tenantId, id }: { tenantId: string; id: string }) {
  const canWrite = useCanWrite();
  const toast = useToast();
  const context = inTenant(tenantId);
  const tenant = useQuery(TenantDetailDocument, { variables: { id: tenantId } });
  const query = useQuery(FormationDetailDocument, { context, variables: { id }, fetchPolicy: "network-only" });
  const formation = query.data?.formation;
  const members = useQuery(FormationMembersDocument, {
    context,
    variables: { inFormation: inScenario(formation?.name ?? "") },
    skip: !formation,
    fetchPolicy: "network-only",
  });
  const [unassign] = useMutation(UnassignFormationDocument, { context });
  const [dialog, setDialog] = useState<{ kind: "assign" } | { kind: "unassign"; member: Member } | null>(null);

  const rows = useMemo<Member[] | undefined>(
    () =>
      members.data && [
        ...members.data.applications.data.map(({ id, name }) => ({ kind: "APPLICATION" as const, id, name })),
        ...members.data.runtimes.data.map(({ id, name }) => ({ kind: "RUNTIME" as const, id, name })),
      ],
    [members.data],
  );
  const columns = useMemo<ColumnDef<Member>[]>(
    () => [
      {
        id: "name",
        header: "Name",
        cell: ({ row }) => (
          <Link className="row-title" href={`/tenants/${tenantId}/${PATH_OF_KIND[row.original.kind]}/${row.original.id}`}>
            {row.original.name}
          </Link>
        ),
      },
      { id: "kind", header: "Kind", cell: ({ row }) => <span className="badge">{KIND_NOUN[row.original.kind]}</span> },
      actionsColumn<Member>((member) =>
        canWrite ? (
          <RowActions
            name={`${KIND_NOUN[member.kind]} ${member.name}`}
            actions={[{ label: "Unassign", danger: true, onClick: () => setDialog({ kind: "unassign", member }) }]}
          />
        ) : null,
      ),
    ],
    [canWrite, tenantId],
  );

  const tenantName = tenant.data?.tenant?.name ?? "Tenant";
  const trail = [
    { label: "Tenants", href: "/tenants" },
    { label: tenantName, href: `/tenants/${tenantId}` },
    { label: "Formations", href: `/tenants/${tenantId}/formations` },
  ];
  return (
    <DetailStates noun="formation" trail={trail} query={query} object={formation} back={{ href: trail[2].href, label: "Back to formations" }}>
      {(formation) => (
        <>
          <PageHeader title={formation.name} lead="Formation" />
          <section className="card" aria-label="Details">
            <dl className="details-grid">
              <CodeDetail term="Id" value={formation.id} />
              <dt>State</dt>
              <dd>
                <span className="badge">{formation.state}</span>
              </dd>
              <dt>Created</dt>
              <dd>{formation.lastStateChangeTimestamp ? <Timestamp iso={formation.lastStateChangeTimestamp} /> : "—"}</dd>
            </dl>
          </section>
          <PageSection id="members" title="Assigned" action={canWrite ? { label: "Assign", onClick: () => setDialog({ kind: "assign" }) } : null}>
            <DataTable
              caption="Assigned applications and runtimes"
              columns={columns}
              {...queryRows({ loading: members.loading || !members.data, error: members.error, refetch: members.refetch }, rows)}
              empty={<p>Nothing is assigned yet: assign an application or a runtime of the tenant.</p>}
              getRowId={(row) => `${row.kind}:${row.id}`}
            />
          </PageSection>
          {dialog?.kind === "assign" ? (
            <AssignDialog tenantId={tenantId} formationName={formation.name} onClose={() => setDialog(null)} onSaved={() => void members.refetch()} />
          ) : null}
          {dialog?.kind === "unassign" ? (
            <ConfirmDialog
              onOpenChange={(open) => (open ? undefined : setDialog(null))}
              title={`Unassign the ${KIND_NOUN[dialog.member.kind]} ${dialog.member.name}?`}
              description={`It leaves the formation ${formation.name}: the name goes from its scenarios label.`}
              confirmLabel="Unassign"
              onConfirm={async () => {
                await inApiWords(unassign({ variables: { formation: { name: formation.name }, objectID: dialog.member.id, objectType: dialog.member.kind } }));
                toast.success(`Unassigned the ${KIND_NOUN[dialog.member.kind]} ${dialog.member.name}`);
                void members.refetch();
              }}
            />
          ) : null}
        </>
      )}
    </DetailStates>
  );
}
