"use client";

import { useQuery } from "@apollo/client/react";
import { EditStates } from "@/components/console/edit-states";
import { ApplicationTemplateDetailDocument } from "./application-templates.generated";
import { TemplateForm } from "./template-form";
import { TEMPLATE_KIND } from "./template-kind";

/** Loads the template, then hands it to the form. */
export function EditTemplate({ id }: { id: string }) {
  const query = useQuery(ApplicationTemplateDetailDocument, { variables: { id } });
  return (
    <EditStates
      noun={TEMPLATE_KIND.noun}
      list={TEMPLATE_KIND.list}
      query={query}
      object={query.data?.applicationTemplate}
      missing={<p>This application template no longer exists.</p>}
    >
      {(template) => <TemplateForm template={template} />}
    </EditStates>
  );
}
