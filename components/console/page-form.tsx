"use client";

import type { ApolloCache } from "@apollo/client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useToast } from "@/components/ui/toast";
import { useFormSubmit } from "./use-form-errors";

/**
 * A mutation's `update` that drops a root list from the Apollo cache. Lists are
 * ordered and paged on the server, and a new row or a rename can move rows in a
 * list sorted by name: the next visit fetches every row in its place.
 */
export function dropList(fieldName: string) {
  return (cache: ApolloCache) => {
    cache.evict({ id: "ROOT_QUERY", fieldName });
    cache.gc();
  };
}

/**
 * The save cycle of a form on a page of its own, which creates an object or
 * edits `editing`: `send` saves and answers the saved object; a toast says
 * "Created …" or "Saved …", then the object's page (`${list}/${id}`) opens.
 * `cancelHref` is where Cancel goes: the object's page, or the list.
 */
export function usePageSubmit(
  form: Parameters<typeof useFormSubmit>[0],
  { list, editing }: { list: string; editing?: { id: string } },
  send: () => Promise<{ id: string; name: string }>,
) {
  const router = useRouter();
  const toast = useToast();
  const cycle = useFormSubmit(
    form,
    async () => {
      const saved = await send();
      toast.success(editing ? `Saved ${saved.name}` : `Created ${saved.name}`);
      router.push(`${list}/${saved.id}`);
    },
    { leavesOnSuccess: true },
  );
  return { ...cycle, cancelHref: editing ? `${list}/${editing.id}` : list };
}

/** A page form's buttons: submit (`label`, "Saving…" while it saves) and Cancel, to `cancelHref`. */
export function PageFormActions({ saving, label, cancelHref }: { saving: boolean; label: string; cancelHref: string }) {
  return (
    <div className="form-actions">
      <button type="submit" className="btn btn-primary" disabled={saving}>
        {saving ? "Saving…" : label}
      </button>
      <Link className="btn btn-secondary" href={cancelHref}>
        Cancel
      </Link>
    </div>
  );
}
