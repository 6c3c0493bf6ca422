"use client";

import { useQuery } from "@apollo/client/react";
import { Breadcrumbs } from "@/components/console/breadcrumbs";
import { LoadError } from "@/components/console/load-error";
import { IntegrationSystemForEditDocument } from "./integration-system-form.generated";
import { IntegrationSystemForm } from "./integration-system-form";
import { NotFound } from "./not-found";

/** Loads the system, then hands it to the form. */
export function EditIntegrationSystem({ id }: { id: string }) {
  const { data, loading, error, refetch } = useQuery(IntegrationSystemForEditDocument, { variables: { id } });
  const system = data?.integrationSystem;
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: "Integration systems", href: "/integration-systems" },
          ...(system ? [{ label: system.name, href: `/integration-systems/${system.id}` }] : []),
          { label: "Edit" },
        ]}
      />
      <h1>Edit integration system</h1>
      {loading && !data ? (
        <div className="card form-card" aria-busy="true">
          <span className="skeleton" />
        </div>
      ) : error ? (
        <LoadError what="this integration system" error={error} onRetry={() => void refetch()} />
      ) : system ? (
        <IntegrationSystemForm system={system} />
      ) : (
        <NotFound />
      )}
    </>
  );
}
