"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useEffect, useMemo, useState } from "react";
import { useCanWrite } from "@/components/console/console-providers";
import { dialogFailureMessage } from "@/components/console/graphql-problem";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ConfirmRowAction } from "@/components/ui/confirm-row-action";
import { DataTable } from "@/components/ui/data-table";
import { actionsColumn } from "@/components/ui/data-table-columns";
import { ExpiryMark } from "@/components/ui/expiry-mark";
import { CurlCommand, DownloadButton, OneTimeSecretDialog } from "@/components/ui/one-time-secret-dialog";
import { RowActions } from "@/components/ui/row-actions";
import { Timestamp } from "@/components/ui/timestamp";
import type { ObjectKindName, PairingToken } from "./console-kind";
import { IssuedCertificatesDocument, type IssuedCertificatesQuery, RevokeIssuedCertificateDocument } from "./pairing.generated";

type IssuedCertificate = IssuedCertificatesQuery["issuedCertificates"][number];

// Shell-quoting for the example: single quotes, with any single quote closed and escaped.
const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/** Minutes and seconds left until `expiresAt`, ticking each second; 0 once past. */
function useSecondsLeft(expiresAt: string): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, Math.floor((Date.parse(expiresAt) - now) / 1000));
}

/** The one moment the one-time token exists outside the server: shown once, counting down, then dropped by `onClose`. */
function PairingTokenDialog({ owner, token, onClose }: { owner: { kind: ObjectKindName; name: string }; token: PairingToken; onClose: () => void }) {
  const left = useSecondsLeft(token.expiresAt);
  const slug = owner.name.replace(/[^\p{L}\p{Nd}_.-]+/gu, "-").toLowerCase();
  const env = [
    `# Compass Director one-time token for ${owner.name}`,
    `COMPASS_CONNECTOR_URL=${token.connectorURL}`,
    `COMPASS_CONNECTOR_TOKEN=${token.token}`,
    "",
  ].join("\n");
  // Compass's own client document, empty parentheses included.
  const example = `curl -s -X POST ${quote(token.connectorURL)} \\\n  -H 'Content-Type: application/json' \\\n  -H ${quote(`Connector-Token: ${token.token}`)} \\\n  -d '{"query":"query { result: configuration() { token { token } certificateSigningRequestInfo { subject keyAlgorithm } managementPlaneInfo { directorURL certificateSecuredConnectorURL } } }"}'`;
  return (
    <OneTimeSecretDialog
      title={`Pair ${owner.name}`}
      intro={`Give this one-time token to the ${owner.kind}. It calls the Connector with it once, gets the subject for its certificate, and has its certificate signing request signed.`}
      values={[
        { label: "One-time token", value: token.token },
        { label: "Connector URL", value: token.connectorURL },
      ]}
      acknowledgement="I have handed the token over"
      afterwards="only its hash is kept."
      onClose={onClose}
    >
      <p className={left > 0 ? "pairing-countdown" : "pairing-countdown pairing-expired"} role="timer" aria-live="off">
        {left > 0 ? (
          <>
            Works once, for{" "}
            <strong>
              {Math.floor(left / 60)}:{String(left % 60).padStart(2, "0")}
            </strong>{" "}
            more (until <Timestamp iso={token.expiresAt} />
            ).
          </>
        ) : (
          <strong>Expired: pair again for a new token.</strong>
        )}
      </p>
      <div className="downloads">
        <DownloadButton filename={`${slug}-pairing.env`} content={env} type="text/plain" label="Download .env" />
      </div>
      <CurlCommand title="Ask the Connector for the configuration" command={example} />
    </OneTimeSecretDialog>
  );
}

/**
 * An application's or a runtime's client certificates (admins): "Pair" asks for a one-time token and shows
 * it once; the certificates the Connector issued for the object are listed with their expiry and can be
 * revoked. The token lives only in this component's state until its dialog is closed.
 */
export function ObjectPairing({
  owner,
  requestToken,
}: {
  owner: { kind: ObjectKindName; id: string; name: string };
  requestToken: () => Promise<PairingToken | null | undefined>;
}) {
  const canWrite = useCanWrite();
  const [confirming, setConfirming] = useState(false);
  const [token, setToken] = useState<PairingToken | null>(null);
  const [revoking, setRevoking] = useState<IssuedCertificate | null>(null);
  const { data, loading, error, refetch } = useQuery(IssuedCertificatesDocument, { variables: { id: owner.id }, skip: !canWrite, fetchPolicy: "network-only" });
  const [revoke] = useMutation(RevokeIssuedCertificateDocument);

  const columns = useMemo<ColumnDef<IssuedCertificate>[]>(
    () => [
      {
        id: "serial",
        header: "Serial",
        cell: ({ row }) => (
          <code title={row.original.serial}>
            …{row.original.serial.slice(-12)}
            <span className="sr-only"> (serial {row.original.serial})</span>
          </code>
        ),
      },
      { id: "issuedAt", header: "Issued", meta: { hideOnMobile: true }, cell: ({ row }) => <Timestamp iso={row.original.issuedAt} /> },
      { id: "expiresAt", header: "Expires", cell: ({ row }) => <ExpiryMark expiresAt={row.original.expiresAt} /> },
      {
        id: "status",
        header: "Status",
        cell: ({ row }) =>
          row.original.revokedAt ? (
            <span className="badge badge-danger" title={row.original.revokedAt}>
              Revoked
            </span>
          ) : (
            <span className="badge">Active</span>
          ),
      },
      actionsColumn<IssuedCertificate>((certificate) =>
        certificate.revokedAt ? null : (
          <RowActions name={`certificate ${certificate.serial}`} actions={[{ label: "Revoke", danger: true, onClick: () => setRevoking(certificate) }]} />
        ),
      ),
    ],
    [],
  );

  if (!canWrite) return null;

  async function pair() {
    const answer = await requestToken();
    if (!answer?.token) throw new Error("The server did not return a token");
    setToken(answer);
  }

  return (
    <section className="section" aria-labelledby="pairing-heading">
      <div className="section-header">
        <h2 id="pairing-heading">Client certificates</h2>
        <button type="button" className="btn btn-primary" onClick={() => setConfirming(true)}>
          Pair
        </button>
      </div>
      <p className="lead">
        Pairing gives the {owner.kind} a one-time token for the Connector, which signs it a client certificate; with it, the {owner.kind} calls the API as
        itself.
      </p>
      <DataTable
        caption="Issued client certificates"
        columns={columns}
        data={data?.issuedCertificates ?? []}
        loading={loading}
        error={error}
        onRetry={() => void refetch()}
        empty={<p>No certificates issued yet.</p>}
        getRowId={(row) => row.serial}
      />
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Pair ${owner.name}`}
        description={`A one-time token for ${owner.name}, for a new system auth that its certificate will act as. It works once, for a few minutes.`}
        tone="primary"
        confirmLabel="Get one-time token"
        busyLabel="Requesting…"
        describeFailure={dialogFailureMessage}
        onConfirm={pair}
      />
      {token ? (
        <PairingTokenDialog
          owner={owner}
          token={token}
          onClose={() => {
            setToken(null);
            void refetch();
          }}
        />
      ) : null}
      <ConfirmRowAction
        item={revoking}
        onClose={() => setRevoking(null)}
        title="Revoke this certificate?"
        description={(certificate) => (
          <>
            The certificate with serial <code>{certificate.serial}</code> is refused from the next request on, by every instance. The {owner.kind}'s other
            certificates keep working.
          </>
        )}
        confirmLabel="Revoke certificate"
        act={(certificate) => revoke({ variables: { serial: certificate.serial } })}
        done="Certificate revoked"
        refetch={refetch}
      />
    </section>
  );
}
