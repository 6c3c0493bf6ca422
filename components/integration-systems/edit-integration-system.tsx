"use client";

import { useQuery } from "@apollo/client/react";
import { graphqlProblem } from "../console/graphql-problem";
import { IntegrationSystemForEditDocument } from "./integration-system-form.generated";
import { IntegrationSystemForm } from "./integration-system-form";
import { NotFound } from "./not-found";

/** Loads the system, then hands it to the form. */
export function EditIntegrationSystem({ id }: { id: string }) {
  const { data, loading, error, refetch } = useQuery(IntegrationSystemForEditDocument, { variables: { id } });
  if (loading && !data) return <div className="card form-card" aria-busy="true"><span className="skeleton" /></div>;
  if (error)
    return (
      <div className="alert" role="alert">
        Could not load this integration system: {graphqlProblem(error).message}{" "}
        <button type="button" className="btn btn-secondary btn-small" onClick={() => void refetch()}>
          Retry
        </button>
      </div>
    );
  if (!data?.integrationSystem) return <NotFound />;
  return <IntegrationSystemForm system={data.integrationSystem} />;
}
