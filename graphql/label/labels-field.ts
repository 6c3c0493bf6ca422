/** The `labels(key)` field: all of an object's labels, or the one under `key` (null when it has none). */
export function labelsAnswer(labels: Record<string, unknown>, key: string | null | undefined): Record<string, unknown> | null {
  if (key === null || key === undefined) return labels;
  // Own labels only: `constructor` or `toString` is a label only when one was set under it.
  return Object.hasOwn(labels, key) ? { [key]: labels[key] } : null;
}
