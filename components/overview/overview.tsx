"use client";

import { useQuery } from "@apollo/client/react";
import Link from "next/link";
import { expiryState } from "@/lib/credential-rules";
import { plural } from "@/lib/text";
import { actionInWords, objectTypeInWords } from "@/components/audit-log/audit-words";
import { useCanWrite } from "@/components/console/console-providers";
import { LoadError } from "@/components/console/load-error";
import { ExpiryMark } from "@/components/ui/expiry-mark";
import { Timestamp } from "@/components/ui/timestamp";
import { OverviewDocument, OverviewEventsDocument } from "./overview.generated";

function Stat({ value, label, href }: { value: number | undefined; label: string; href: string }) {
  return (
    <Link className="card stat" href={href}>
      <span className="stat-value">{value ?? "…"}</span>
      <span className="stat-label">{label}</span>
    </Link>
  );
}

/** The console's home: how many systems, which credentials need attention, and what happened last. */
export function Overview() {
  const isAdmin = useCanWrite();
  const { data, error, refetch } = useQuery(OverviewDocument, { fetchPolicy: "cache-and-network" });
  if (error) return <LoadError what="the overview" error={error} onRetry={() => void refetch()} />;

  const attention = (data?.expiring.data ?? []).flatMap((system) =>
    system.auths.filter((auth) => ["expired", "expiring"].includes(expiryState(auth.expiresAt))).map((auth) => ({ ...auth, system })),
  );
  attention.sort((a, b) => new Date(a.expiresAt!).getTime() - new Date(b.expiresAt!).getTime());

  return (
    <>
      <div className="stat-grid" aria-busy={!data}>
        <Stat value={data?.systems.totalCount} label="Integration systems" href="/integration-systems" />
        <Stat
          value={data ? attention.length : undefined}
          label="Credentials expiring within 7 days or expired"
          href="/integration-systems?filter=EXPIRING_SOON"
        />
        <Stat value={data?.neverUsed.totalCount} label="Systems never used" href="/integration-systems?filter=NEVER_USED" />
        <Stat value={data?.tenants.totalCount} label="Tenants" href="/tenants" />
      </div>

      <section className="section" aria-labelledby="attention-heading">
        <h2 id="attention-heading">Credentials expiring soon</h2>
        {!data ? (
          <span className="skeleton" role="status" aria-label="Loading" />
        ) : attention.length === 0 ? (
          <p className="muted">No credential expires within 7 days, and none has expired.</p>
        ) : (
          <ul className="plain-list">
            {attention.map((auth) => (
              <li key={auth.id}>
                <Link href={`/integration-systems/${auth.system.id}`}>{auth.system.name}</Link>: <code>…{auth.id.slice(-8)}</code>
                {auth.note ? ` (${auth.note})` : ""} <ExpiryMark expiresAt={auth.expiresAt} />
              </li>
            ))}
          </ul>
        )}
        {data && data.expiring.totalCount > data.expiring.data.length ? (
          <p>
            <Link href="/integration-systems?filter=EXPIRING_SOON">All {plural(data.expiring.totalCount, "system")} with credentials expiring soon</Link>
          </p>
        ) : null}
      </section>

      {isAdmin ? <LastEvents /> : null}
    </>
  );
}

function LastEvents() {
  const { data, error, refetch } = useQuery(OverviewEventsDocument, { fetchPolicy: "cache-and-network" });
  return (
    <section className="section" aria-labelledby="events-heading">
      <h2 id="events-heading">Last events</h2>
      {error ? (
        <LoadError what="the last events" error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <span className="skeleton" role="status" aria-label="Loading" />
      ) : data.auditEvents.data.length === 0 ? (
        <p className="muted">Nothing has happened yet.</p>
      ) : (
        <ul className="plain-list">
          {data.auditEvents.data.map((event) => (
            <li key={event.id}>
              <strong>{actionInWords(event.action)}</strong>: {objectTypeInWords(event.objectType)} {event.objectLabel ?? event.objectId}, by{" "}
              {event.actor.label}, <Timestamp iso={event.createdAt} relative />
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href="/audit-log">Open the audit log</Link>
      </p>
    </section>
  );
}
