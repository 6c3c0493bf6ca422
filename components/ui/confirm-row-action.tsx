"use client";

import type { ReactNode } from "react";
import { inApiWords } from "@/components/console/graphql-problem";
import { ConfirmDialog } from "./confirm-dialog";
import { useToast } from "./toast";

/**
 * Asks before acting on one row of a list (delete a webhook, revoke a
 * certificate): shown while `item` is set, `onClose` clears it. On confirm it
 * runs `act` (a failure stays in the dialog, in the API's words), says `done`
 * and awaits `refetch`, so the row is gone when the dialog closes and focus
 * lands on the table, not on a button about to vanish.
 */
export function ConfirmRowAction<Item>({
  item,
  onClose,
  title,
  description,
  confirmLabel,
  act,
  done,
  refetch,
}: {
  item: Item | null;
  onClose: () => void;
  title: string;
  description: (item: Item) => ReactNode;
  confirmLabel: string;
  act: (item: Item) => Promise<unknown>;
  /** The toast once done, such as "Webhook deleted". */
  done: string;
  refetch: () => Promise<unknown>;
}) {
  const toast = useToast();
  if (item === null) return null;
  return (
    <ConfirmDialog
      onOpenChange={(open) => !open && onClose()}
      title={title}
      description={description(item)}
      confirmLabel={confirmLabel}
      onConfirm={async () => {
        await inApiWords(act(item));
        toast.success(done);
        await refetch();
      }}
    />
  );
}
