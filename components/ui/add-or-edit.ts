/**
 * A form dialog's title and submit words, the same for every object: "Add
 * bundle" (or another `verb`: "Register runtime", "Create tenant") and its
 * button, or "Edit bundle" and "Save changes". Spread into `FormDialog`.
 */
export function addOrEditWords(editing: boolean, noun: string, verb: "Add" | "Register" | "Create" = "Add") {
  return { title: editing ? `Edit ${noun}` : `${verb} ${noun}`, submitLabel: editing ? "Save changes" : `${verb} ${noun}` };
}
