"use client";

import { inApiWords } from "@/components/console/graphql-problem";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import type { ObjectKindName } from "./console-kind";

/**
 * What taking an object away is called: an application or a runtime is
 * unregistered (Compass's word for them); what lives on an object's page
 * beside "Add" is removed.
 */
export type RemoveVerb = "Unregister" | "Remove";
const DONE: Record<RemoveVerb, string> = { Unregister: "Unregistered", Remove: "Removed" };

/**
 * Asks before unregistering an application or a runtime (or removing a
 * runtime context), runs the mutation, reports it, and hands over to
 * `onDone` (refetch a list, leave a page). A refetch is awaited before the
 * dialog closes: the row is gone by then, so focus goes to its table rather
 * than back to a button that vanishes a moment later (and leaves focus on
 * the page's body).
 */
export function UnregisterDialog({
  kind,
  name,
  description,
  unregister,
  onClose,
  onDone,
  verb = "Unregister",
}: {
  kind: ObjectKindName;
  name: string;
  description: string;
  unregister: () => Promise<unknown>;
  onClose: () => void;
  onDone: () => unknown;
  verb?: RemoveVerb;
}) {
  const toast = useToast();
  return (
    <ConfirmDialog
      onOpenChange={(open) => !open && onClose()}
      title={`${verb} ${name}?`}
      description={description}
      confirmLabel={`${verb} ${kind}`}
      onConfirm={async () => {
        await inApiWords(unregister());
        toast.success(`${DONE[verb]} ${name}`);
        await onDone();
      }}
    />
  );
}
