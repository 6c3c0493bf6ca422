"use client";

import { useQuery } from "@apollo/client/react";
import { Breadcrumbs } from "@/components/console/breadcrumbs";
import { LoadError } from "@/components/console/load-error";
import { ApplicationTemplateDetailDocument } from "./application-templates.generated";
import { TemplateForm } from "./template-form";

/** Loads the template, then hands it to the form. */
export function EditTemplate({ id }: { id: string }) {
  const { data, loading, error, refetch } = useQuery(ApplicationTemplateDetailDocument, { variables: { id } });
  const template = data?.applicationTemplate;
  return (
    <>
      <Breadcrumbs
        trail={[
          { label: "Application templates", href: "/application-templates" },
          ...(template ? [{ label: template.name, href: `/application-templates/${template.id}` }] : []),
          { label: "Edit" },
        ]}
      />
      <h1>Edit application template</h1>
      {loading && !data ? (
        <div className="card form-card" aria-busy="true">
          <span className="skeleton" />
        </div>
      ) : error ? (
        <LoadError what="this application template" error={error} onRetry={() => void refetch()} />
      ) : template ? (
        <TemplateForm template={template} />
      ) : (
        <p>This application template no longer exists.</p>
      )}
    </>
  );
}
