"use client";

import { inApiWords } from "@/components/console/graphql-problem";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import type { ObjectKindName } from "./console-kind";

/**
 * Asks before unregistering an application or a runtime, runs the mutation,
 * reports it, and hands over to `onDone` (refetch a list, leave a page).
 */
export function UnregisterDialog({
  kind,
  name,
  description,
  unregister,
  onClose,
  onDone,
}: {
  kind: ObjectKindName;
  name: string;
  description: string;
  unregister: () => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
}) {
  const toast = useToast();
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Unregister ${name}?`}
      description={description}
      confirmLabel={`Unregister ${kind}`}
      onConfirm={async () => {
        await inApiWords(unregister());
        toast.success(`Unregistered ${name}`);
        onDone();
      }}
    />
  );
}
