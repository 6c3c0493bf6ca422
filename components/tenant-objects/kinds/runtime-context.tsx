"use client";

import { defineChildConsoleKind } from "../console-kind";
import { ObjectChildren } from "../object-children";
import { RuntimeContextFormDialog } from "./runtime-context-form-dialog";
import { RuntimeContextsDocument, UnregisterRuntimeContextDocument } from "./runtime-contexts.generated";

const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** Runtime contexts in the console: a section of their runtime's page, written by whoever may change the runtime. */
const RUNTIME_CONTEXT = defineChildConsoleKind({
  kind: "runtime context",
  plural: "runtime-contexts",
  title: "Runtime contexts",
  lead: "Settings the runtime keeps for one of its consumers, such as a subscription: a key, a value and labels. An integration system with the runtime:write scope may change them too.",
  documents: { list: RuntimeContextsDocument, unregister: UnregisterRuntimeContextDocument },
  pageOf: (data) => data.runtime?.runtimeContexts,
  nameOf: (row) => row.key,
  columns: [
    { id: "key", header: "Key", cell: ({ row }) => <code>{row.original.key}</code> },
    {
      id: "value",
      header: "Value",
      meta: { className: "cell-truncate" },
      cell: ({ row }) => (row.original.value ? <span title={row.original.value}>{row.original.value}</span> : <span className="muted">—</span>),
    },
    {
      id: "labels",
      header: "Labels",
      meta: { hideOnMobile: true, className: "cell-truncate" },
      cell: ({ row }) => {
        const entries = Object.entries((row.original.labels as Record<string, unknown> | null) ?? {});
        if (!entries.length) return <span className="muted">—</span>;
        const text = entries.map(([key, value]) => `${key}: ${show(value)}`).join(", ");
        return <span title={text}>{text}</span>;
      },
    },
  ],
  emptyHint: "No runtime contexts yet.",
  unregisterDescription: "The runtime context is removed from its runtime with its labels. This cannot be undone.",
  formDialog: (props) => <RuntimeContextFormDialog {...props} />,
});

/** A runtime's contexts, as a section of its page. */
export function RuntimeContexts({ tenantId, runtimeId }: { tenantId: string; runtimeId: string }) {
  return <ObjectChildren kind={RUNTIME_CONTEXT} tenantId={tenantId} parentId={runtimeId} />;
}
