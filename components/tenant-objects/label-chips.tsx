/** How many chips a row shows before "+N": a row stays one or two lines high. */
const MAX_CHIPS = 3;
/** Characters of one chip's text before it is cut with "…" (the whole text is its tooltip). */
const MAX_CHIP_TEXT = 32;

/** A label's value as one line: strings as they are, lists joined, anything else as JSON. */
function labelValueText(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value.join(", ");
  return JSON.stringify(value);
}

const cut = (text: string) => (text.length > MAX_CHIP_TEXT ? `${text.slice(0, MAX_CHIP_TEXT - 1)}…` : text);

/**
 * An object's labels in a list row: compact `key: value` chips, each cut to
 * a readable length with the whole as its tooltip, the first few by key and
 * "+N" for the rest (the object's page lists them all). A screen reader hears
 * the whole list, uncut.
 */
export function LabelChips({ labels }: { labels: unknown }) {
  const entries = Object.entries((labels && typeof labels === "object" ? labels : {}) as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
  if (!entries.length) return <span className="muted">—</span>;
  const texts = entries.map(([key, value]) => `${key}: ${labelValueText(value)}`);
  const hidden = texts.length - MAX_CHIPS;
  return (
    <span className="label-chips">
      <span className="sr-only">{texts.join("; ")}</span>
      {texts.slice(0, MAX_CHIPS).map((text) => (
        <span key={text} className="label-chip" title={text} aria-hidden="true">
          {cut(text)}
        </span>
      ))}
      {hidden > 0 ? (
        <span className="label-chip label-chip-more" title={texts.slice(MAX_CHIPS).join("\n")} aria-hidden="true">
          +{hidden}
        </span>
      ) : null}
    </span>
  );
}
