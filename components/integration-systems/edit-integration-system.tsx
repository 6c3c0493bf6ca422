"use client";

import { useQuery } from "@apollo/client/react";
import { LoadError } from "../console/load-error";
import { IntegrationSystemForEditDocument } from "./integration-system-form.generated";
import { IntegrationSystemForm } from "./integration-system-form";
import { NotFound } from "./not-found";

/** Loads the system, then hands it to the form. */
export function EditIntegrationSystem({ id }: { id: string }) {
  const { data, loading, error, refetch } = useQuery(IntegrationSystemForEditDocument, { variables: { id } });
  if (loading && !data) return <div className="card form-card" aria-busy="true"><span className="skeleton" /></div>;
  if (error) return <LoadError what="this integration system" error={error} onRetry={() => void refetch()} />;
  if (!data?.integrationSystem) return <NotFound />;
  return <IntegrationSystemForm system={data.integrationSystem} />;
}
