"use client";

import { type ReactNode, useMemo } from "react";

/**
 * A spec or document as text, readable: JSON pretty-printed, JSON and YAML
 * syntax-highlighted, with a download of the text as stored. Highlighting is
 * one linear pass of a sticky regular expression per format, and stops after
 * HIGHLIGHT_LIMIT characters (a spec may hold 2 MiB): the rest shows plain.
 */
export type CodeFormat = "JSON" | "YAML" | "XML" | "MARKDOWN" | string;

const HIGHLIGHT_LIMIT = 200_000;

/** Token rules, tried in order at each position; the first group that matched names the token's class. */
const RULES: Record<"JSON" | "YAML", RegExp> = {
  JSON: /("(?:[^"\\\n]|\\.)*")(\s*:)|("(?:[^"\\\n]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b|([{}[\],:])|([^"\d{}[\],:tfn-]+|.)/y,
  YAML: /(#[^\n]*)|^(\s*-?\s*[\w.$/-]+)(:)(?=\s|$)|("(?:[^"\\\n]|\\.)*"|'[^'\n]*')|(-?\d+(?:\.\d+)?)(?=\s|$)|\b(true|false|null|yes|no)\b|([^#"'\n\d]+|.|\n)/my,
};

type Token = { text: string; className?: string };

function tokens(text: string, format: "JSON" | "YAML"): Token[] {
  const rule = new RegExp(RULES[format].source, RULES[format].flags);
  const out: Token[] = [];
  rule.lastIndex = 0;
  while (rule.lastIndex < text.length) {
    const at = rule.lastIndex;
    const match = rule.exec(text);
    if (!match || rule.lastIndex === at) {
      out.push({ text: text.slice(at, at + 1) });
      rule.lastIndex = at + 1;
      continue;
    }
    if (format === "JSON") {
      if (match[1]) out.push({ text: match[1], className: "tok-key" }, { text: match[2] });
      else if (match[3]) out.push({ text: match[3], className: "tok-string" });
      else if (match[4]) out.push({ text: match[4], className: "tok-number" });
      else if (match[5]) out.push({ text: match[5], className: "tok-keyword" });
      else out.push({ text: match[0] });
    } else if (match[1]) out.push({ text: match[1], className: "tok-comment" });
    else if (match[2]) out.push({ text: match[2], className: "tok-key" }, { text: match[3] });
    else if (match[4]) out.push({ text: match[4], className: "tok-string" });
    else if (match[5]) out.push({ text: match[5], className: "tok-number" });
    else if (match[6]) out.push({ text: match[6], className: "tok-keyword" });
    else out.push({ text: match[0] });
  }
  return out;
}

/** JSON reads better indented; anything else is shown as stored. */
function readable(text: string, format: CodeFormat): string {
  if (format !== "JSON") return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

const EXTENSIONS: Record<string, string> = { JSON: "json", YAML: "yaml", XML: "xml", MARKDOWN: "md" };
const MEDIA_TYPES: Record<string, string> = { JSON: "application/json", YAML: "application/yaml", XML: "application/xml", MARKDOWN: "text/markdown" };

export function CodeView({ text, format, fileName, label }: { text: string; format: CodeFormat; fileName: string; label: string }) {
  const shown = useMemo(() => readable(text, format), [text, format]);
  const highlighted = useMemo<ReactNode[]>(() => {
    if (format !== "JSON" && format !== "YAML") return [shown];
    const head = shown.slice(0, HIGHLIGHT_LIMIT);
    const parts = tokens(head, format).map((token, i) =>
      token.className ? (
        // biome-ignore lint/suspicious/noArrayIndexKey: tokens have no identity but their place
        <span key={i} className={token.className}>
          {token.text}
        </span>
      ) : (
        token.text
      ),
    );
    return shown.length > HIGHLIGHT_LIMIT ? [...parts, shown.slice(HIGHLIGHT_LIMIT)] : parts;
  }, [shown, format]);

  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: MEDIA_TYPES[format] ?? "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `${fileName}.${EXTENSIONS[format] ?? "txt"}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  return (
    <figure className="code-view">
      <figcaption className="code-view-bar">
        <span className="badge">{format}</span>
        <span className="muted">{text.length.toLocaleString("en")} characters</span>
        <button type="button" className="btn btn-secondary btn-small" onClick={download}>
          Download
        </button>
      </figcaption>
      {/* A scrolling region is reached and scrolled with the keyboard, so it takes focus. */}
      <section className="code-view-scroll" aria-label={label}>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region is reached and scrolled with the keyboard */}
        <pre className="code-view-text" tabIndex={0}>
          <code>{highlighted}</code>
        </pre>
      </section>
    </figure>
  );
}
