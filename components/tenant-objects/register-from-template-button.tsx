"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { RegisterFromTemplateDialog } from "./register-from-template-dialog";

/** The applications tab's "Register from template": the dialog, then the new application's page. */
export function RegisterFromTemplateButton({ tenantId }: { tenantId: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-secondary" onClick={() => setOpen(true)}>
        Register from template
      </button>
      {open ? (
        <RegisterFromTemplateDialog
          tenantId={tenantId}
          onClose={() => setOpen(false)}
          onRegistered={(id) => router.push(`/tenants/${tenantId}/applications/${id}`)}
        />
      ) : null}
    </>
  );
}
