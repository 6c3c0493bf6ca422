"use client";

import type { ApolloCache } from "@apollo/client";
import { useMutation } from "@apollo/client/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { NAME_MAX } from "@/lib/names";
import { nameAndDescriptionProblems } from "@/components/console/name-rules";
import { useFormErrors, useFormSubmit } from "@/components/console/use-form-errors";
import { DescriptionField } from "@/components/ui/description-field";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { useToast } from "@/components/ui/toast";
import { CreateIntegrationSystemDocument, UpdateIntegrationSystemDocument } from "./integration-system-form.generated";

const FIELDS = ["name", "description"] as const;
type Field = (typeof FIELDS)[number];

/**
 * Creates an integration system, or edits one when `system` is given. Errors
 * show as soon as a field has been touched; the server's own errors (a
 * duplicate name, say) land on the field they name.
 */
export function IntegrationSystemForm({ system }: { system?: { id: string; name: string; description: string | null } }) {
  const router = useRouter();
  const toast = useToast();
  const [name, setName] = useState(system?.name ?? "");
  const [description, setDescription] = useState(system?.description ?? "");
  // Lists are ordered and paged on the server, and a rename can move a row in a list sorted by name:
  // drop them, so the next visit fetches every row in its place.
  const dropLists = (cache: ApolloCache) => {
    cache.evict({ id: "ROOT_QUERY", fieldName: "integrationSystems" });
    cache.gc();
  };
  const [create] = useMutation(CreateIntegrationSystemDocument, { update: dropLists });
  const [update] = useMutation(UpdateIntegrationSystemDocument, { update: dropLists });

  const form = useFormErrors(FIELDS, nameAndDescriptionProblems<Field>(name, description), { touchOnBlur: true });
  const { saving, submit } = useFormSubmit(
    form,
    async () => {
      const input = { name: name.trim(), description: description.trim() || null };
      const id = system
        ? (await update({ variables: { id: system.id, in: input } })).data!.updateIntegrationSystem.id
        : (await create({ variables: { in: input } })).data!.createIntegrationSystem.id;
      toast.success(system ? `Saved ${input.name}` : `Created ${input.name}`);
      router.push(`/integration-systems/${id}`);
    },
    { leavesOnSuccess: true },
  );

  const cancelHref = system ? `/integration-systems/${system.id}` : "/integration-systems";
  return (
    <form className="card form-card" onSubmit={submit} noValidate aria-busy={saving}>
      <FormAlert message={form.formError} />
      <TextField
        id="name"
        label="Name"
        {...form.bind("name", name, setName)}
        hint={`Letters, digits, spaces, '-', '_' and '.'; starts with a letter or digit; at most ${NAME_MAX} characters; unique ignoring case.`}
        required
        autoFocus
      />
      <DescriptionField id="description" {...form.bind("description", description, setDescription)} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? "Saving…" : system ? "Save changes" : "Create integration system"}
        </button>
        <Link className="btn btn-secondary" href={cancelHref}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
