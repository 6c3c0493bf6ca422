"use client";

import type { ComponentProps } from "react";
import { TextField } from "./text-field";

/**
 * The key of a key-value entry (a label, a label definition, a runtime
 * context): labelled "Key", required, and first in its form, so focused when
 * the dialog opens. `hint` says the key's rule in the entry's words.
 */
export function KeyField(props: Pick<ComponentProps<typeof TextField>, "id" | "value" | "onChange" | "onBlur" | "error" | "hint">) {
  return <TextField label="Key" {...props} required autoFocus />;
}
