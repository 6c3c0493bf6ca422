"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import type { ConsoleKind, ObjectOnPage, ObjectRow } from "./console-kind";
import { DetailStates } from "@/components/console/detail-states";
import { ObjectPage } from "./object-page";
import { inTenant } from "./tenant-context";

/** One object of a tenant, of any kind: its details, labels and credentials. */
export function ObjectDetail<Row extends ObjectRow, Obj extends ObjectOnPage, ListQuery, DetailQuery, RequestAnswer>({
  kind,
  tenantId,
  id,
}: {
  kind: ConsoleKind<Row, Obj, ListQuery, DetailQuery, RequestAnswer>;
  tenantId: string;
  id: string;
}) {
  const context = inTenant(tenantId);
  const { documents } = kind;
  const { data, loading, error, refetch } = useQuery(documents.detail, { variables: { id, tenantId }, context, fetchPolicy: "network-only" });
  const [setLabel] = useMutation(documents.setLabel, { context });
  const [deleteLabel] = useMutation(documents.deleteLabel, { context });
  const [request] = useMutation(documents.requestCredentials, { context, fetchPolicy: "no-cache" });
  const [revoke] = useMutation(documents.deleteCredential, { context });
  const [pair] = useMutation(documents.requestOneTimeToken, { context, fetchPolicy: "no-cache" });
  const [unregister] = useMutation(documents.unregister, { context });
  const loaded = data as DetailQuery | undefined;
  const object = loaded ? kind.objectOf(loaded) : undefined;
  const tenant = loaded ? kind.tenantOf(loaded) : undefined;

  return (
    <DetailStates
      noun={kind.kind}
      trail={[
        { label: "Tenants", href: "/tenants" },
        { label: tenant?.name ?? "Tenant", href: kind.listHref(tenantId) },
      ]}
      query={{ data, loading, error, refetch }}
      object={object}
      gone="unregistered"
      back={{ href: kind.listHref(tenantId), label: "Back to the tenant" }}
    >
      {(object) => (
        <ObjectPage
          kind={kind.kind}
          object={object}
          tenantId={tenantId}
          tenantName={tenant?.name}
          credentials={object.auths ?? []}
          setLabel={(key, value) => setLabel({ variables: { id: object.id, key, value } })}
          deleteLabel={(key) => deleteLabel({ variables: { id: object.id, key } })}
          requestCredential={async () => {
            const { data: answer } = await request({ variables: { id: object.id } });
            return answer ? kind.credentialOf(answer as RequestAnswer) : undefined;
          }}
          requestOneTimeToken={async () => (await pair({ variables: { id: object.id } })).data?.oneTimeToken}
          revokeCredential={(authId) => revoke({ variables: { id: authId } })}
          unregister={() => unregister({ variables: { id: object.id } })}
          unregisterDescription={kind.unregisterFromPage}
          afterUnregisterHref={kind.listHref(tenantId)}
          editDialog={(close) => kind.formDialog({ tenantId, object, onClose: close, onSaved: () => void refetch() })}
          refetch={refetch}
          details={kind.details(object)}
          sections={kind.sections?.(object, tenantId)}
        />
      )}
    </DetailStates>
  );
}
