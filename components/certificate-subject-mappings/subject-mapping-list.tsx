"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import { type FormEvent, useMemo, useState } from "react";
import { graphqlProblem } from "@/components/console/graphql-problem";
import { ConfirmRowAction } from "@/components/ui/confirm-row-action";
import { DataTable } from "@/components/ui/data-table";
import { actionsColumn, createdColumn } from "@/components/ui/data-table-columns";
import { CountToolbar } from "@/components/ui/data-table-toolbar";
import { FormDialog } from "@/components/ui/form-dialog";
import { RowActions } from "@/components/ui/row-actions";
import { useToast } from "@/components/ui/toast";
import { CONSUMER_TYPES, TENANT_ACCESS_LEVELS } from "@/lib/certificate-subject-rules";
import {
  CertificateSubjectMappingsDocument,
  type CertificateSubjectMappingsQuery,
  CreateCertificateSubjectMappingDocument,
  DeleteCertificateSubjectMappingDocument,
} from "./subject-mappings.generated";

type Mapping = CertificateSubjectMappingsQuery["certificateSubjectMappings"]["data"][number];

/** Adds a mapping: the subject as the outside CA writes it, who it is, and with which tenant access levels. */
function CreateMappingDialog({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const [subject, setSubject] = useState("");
  const [consumerType, setConsumerType] = useState<string>("Integration System");
  const [consumerId, setConsumerId] = useState("");
  const [levels, setLevels] = useState<string[]>(["account"]);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [create, { loading }] = useMutation(CreateCertificateSubjectMappingDocument);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    try {
      await create({ variables: { in: { subject: subject.trim(), consumerType, internalConsumerID: consumerId.trim() || null, tenantAccessLevels: levels } } });
      onCreated();
    } catch (failure) {
      setError(graphqlProblem(failure));
    }
  }
  const fieldError = (field: string) => (error?.field === field ? <span className="field-error">{error.message}</span> : null);

  return (
    <FormDialog
      title="Add a certificate subject mapping"
      description="Client certificates of a trusted outside CA with this subject sign in as this consumer."
      wide
      saving={loading}
      formError={error && !error.field ? error.message : null}
      submitLabel="Add mapping"
      onSubmit={submit}
      onClose={onClose}
    >
      <div className="field">
        <label htmlFor="csm-subject">Subject</label>
        <input
          id="csm-subject"
          value={subject}
          onChange={(event) => setSubject(event.target.value)}
          placeholder="C=DE, L=Walldorf, O=Example, OU=Systems, CN=example-system"
          aria-invalid={error?.field === "in.subject" ? true : undefined}
          maxLength={255}
        />
        <span className="hint">C, O, at least one OU, L and CN, in any order; stored in Compass's sorted form.</span>
        {fieldError("in.subject")}
      </div>
      <div className="field">
        <label htmlFor="csm-consumer-type">Consumer type</label>
        <select id="csm-consumer-type" value={consumerType} onChange={(event) => setConsumerType(event.target.value)}>
          {CONSUMER_TYPES.map((type) => (
            <option key={type}>{type}</option>
          ))}
        </select>
        {fieldError("in.consumerType")}
      </div>
      <div className="field">
        <label htmlFor="csm-consumer-id">Internal consumer ID</label>
        <input id="csm-consumer-id" value={consumerId} onChange={(event) => setConsumerId(event.target.value)} maxLength={255} />
        <span className="hint">The integration system's, application's or runtime's id it signs in as.</span>
        {fieldError("in.internalConsumerID")}
      </div>
      <fieldset className="field">
        <legend>Tenant access levels</legend>
        <div className="scope-list">
          {TENANT_ACCESS_LEVELS.map((level) => (
            <label key={level} className="checkbox">
              <input
                type="checkbox"
                checked={levels.includes(level)}
                onChange={(event) => setLevels(event.target.checked ? [...levels, level] : levels.filter((chosen) => chosen !== level))}
              />
              {level}
            </label>
          ))}
        </div>
        {fieldError("in.tenantAccessLevels")}
      </fieldset>
    </FormDialog>
  );
}

/** Every certificate subject mapping (admins), oldest first: who each outside certificate subject is. */
export function SubjectMappingList() {
  const toast = useToast();
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<Mapping | null>(null);
  const { data, loading, error, refetch } = useQuery(CertificateSubjectMappingsDocument, { fetchPolicy: "network-only" });
  const [remove] = useMutation(DeleteCertificateSubjectMappingDocument);
  const columns = useMemo<ColumnDef<Mapping>[]>(
    () => [
      { id: "subject", header: "Subject", cell: ({ row }) => <code className="subject-text">{row.original.subject}</code> },
      { id: "consumerType", header: "Consumer", cell: ({ row }) => row.original.consumerType },
      {
        id: "internalConsumerID",
        header: "Consumer ID",
        meta: { hideOnMobile: true },
        cell: ({ row }) => (row.original.internalConsumerID ? <code>{row.original.internalConsumerID}</code> : <span className="muted">—</span>),
      },
      {
        id: "levels",
        header: "Tenant access",
        meta: { hideOnMobile: true },
        cell: ({ row }) => (
          <span className="scope-list">
            {row.original.tenantAccessLevels.map((level) => (
              <code key={level} className="badge">
                {level}
              </code>
            ))}
          </span>
        ),
      },
      createdColumn<Mapping>(),
      actionsColumn<Mapping>((mapping) => (
        <RowActions name={`mapping ${mapping.subject}`} actions={[{ label: "Delete", danger: true, onClick: () => setDeleting(mapping) }]} />
      )),
    ],
    [],
  );
  return (
    <>
      <CountToolbar count={data?.certificateSubjectMappings.totalCount} noun="mapping">
        <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
          Add mapping
        </button>
      </CountToolbar>
      <DataTable
        caption="Certificate subject mappings"
        columns={columns}
        data={data?.certificateSubjectMappings.data ?? []}
        loading={loading}
        error={error}
        onRetry={() => void refetch()}
        empty={
          <p>
            <strong>No mappings yet.</strong> Without one, a certificate from an outside CA does not sign in.
          </p>
        }
        getRowId={(row) => row.id}
      />
      {adding ? (
        <CreateMappingDialog
          onClose={() => setAdding(false)}
          onCreated={() => {
            setAdding(false);
            toast.success("Mapping added");
            void refetch();
          }}
        />
      ) : null}
      <ConfirmRowAction
        item={deleting}
        onClose={() => setDeleting(null)}
        title="Delete this mapping?"
        description={(mapping) => (
          <>
            Certificates with the subject <code>{mapping.subject}</code> stop signing in as {mapping.consumerType}.
          </>
        )}
        confirmLabel="Delete mapping"
        act={(mapping) => remove({ variables: { id: mapping.id } })}
        done="Mapping deleted"
        refetch={refetch}
      />
    </>
  );
}
