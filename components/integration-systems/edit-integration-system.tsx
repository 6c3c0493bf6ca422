"use client";

import { useQuery } from "@apollo/client/react";
import { EditStates } from "@/components/console/edit-states";
import { IntegrationSystemForEditDocument } from "./integration-system-form.generated";
import { IntegrationSystemForm } from "./integration-system-form";
import { NotFound } from "./not-found";
import { SYSTEM_KIND } from "./system-kind";

/** Loads the system, then hands it to the form. */
export function EditIntegrationSystem({ id }: { id: string }) {
  const query = useQuery(IntegrationSystemForEditDocument, { variables: { id } });
  return (
    <EditStates noun={SYSTEM_KIND.noun} list={SYSTEM_KIND.list} query={query} object={query.data?.integrationSystem} missing={<NotFound />}>
      {(system) => <IntegrationSystemForm system={system} />}
    </EditStates>
  );
}
