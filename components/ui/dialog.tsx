"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
import { type ReactNode, useLayoutEffect, useRef } from "react";

/** The last control outside any dialog that opened one: a dialog opened from another (generate, then reveal) hands focus back to it. */
let lastOpenerOutsideDialogs: HTMLElement | null = null;

function openerOf(active: Element | null): HTMLElement | null {
  if (!(active instanceof HTMLElement) || active === document.body) return lastOpenerOutsideDialogs;
  if (active.closest('[role="dialog"], [role="alertdialog"]')) return lastOpenerOutsideDialogs;
  lastOpenerOutsideDialogs = active;
  return active;
}

/**
 * A modal dialog on Radix (focus trap, Escape, labelled by its title).
 * `dismissible: false` keeps Escape and outside clicks from closing it, for
 * dialogs that need an explicit answer (the one-time secret reveal).
 */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  footer,
  dismissible = true,
  wide = false,
  holdsUnsavedWork = false,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  dismissible?: boolean;
  wide?: boolean;
  /** Leaving the page while it is open loses something (a secret shown once): the leave guard asks first (components/console/unsaved-work.ts). */
  holdsUnsavedWork?: boolean;
}) {
  const opener = useRef<HTMLElement | null>(null);
  const around = useRef<HTMLElement | null>(null);
  // Before Radix moves focus into the dialog (layout effects run before its
  // focus scope's), note what had it: that control gets it back on close.
  // Where the dialog removed it (a revoke, a delete), the table or section it
  // was in gets focus instead of the page body.
  useLayoutEffect(() => {
    if (!open) return;
    opener.current = openerOf(document.activeElement);
    around.current = opener.current?.closest<HTMLElement>("table, section, main") ?? null;
  }, [open]);
  const hold = (event: Event) => {
    if (!dismissible) event.preventDefault();
  };
  return (
    <DialogPrimitive.Root open={open} onOpenChange={onOpenChange}>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="dialog-overlay" />
        <DialogPrimitive.Content
          className={wide ? "dialog dialog-wide" : "dialog"}
          onEscapeKeyDown={hold}
          onPointerDownOutside={hold}
          onInteractOutside={hold}
          onCloseAutoFocus={(event) => {
            // Radix returns focus to a Dialog.Trigger only; these dialogs are opened from code.
            const target = opener.current?.isConnected ? opener.current : around.current?.isConnected ? around.current : null;
            if (target) {
              event.preventDefault();
              if (target !== opener.current && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
              target.focus();
            }
          }}
          {...(description ? {} : { "aria-describedby": undefined })}
          {...(holdsUnsavedWork ? { "data-unsaved-while-open": "" } : {})}
        >
          <DialogPrimitive.Title className="dialog-title">{title}</DialogPrimitive.Title>
          {description ? <DialogPrimitive.Description className="dialog-description">{description}</DialogPrimitive.Description> : null}
          {children}
          {footer ? <div className="dialog-footer">{footer}</div> : null}
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}

/** A wide dialog that shows something to look at and act on inside (a user's sessions or tokens), left by its Close button. */
export function ViewDialog({ title, description, onClose, children }: { title: string; description: ReactNode; onClose: () => void; children: ReactNode }) {
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={title}
      description={description}
      wide
      footer={
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          Close
        </button>
      }
    >
      {children}
    </Dialog>
  );
}
