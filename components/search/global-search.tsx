"use client";

import { useApolloClient } from "@apollo/client/react";
import * as DialogPrimitive from "@radix-ui/react-dialog";
import { Command } from "cmdk";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { SEARCH_DEBOUNCE_MS } from "@/components/ui/data-table-toolbar";
import { GlobalSearchDocument, type GlobalSearchQuery } from "./global-search.generated";

/** The server refuses longer text (domain/search/global-search.ts, MAX_SEARCH_LENGTH). */
const MAX_TEXT = 100;
/** Hits per kind: enough to pick from, few enough to read at a glance. */
const HITS_PER_KIND = 5;

type Found = GlobalSearchQuery["globalSearch"];
interface Hit {
  key: string;
  name: string;
  /** Where it lives, for applications and runtimes. */
  where?: string;
  href: string;
}

/** Hits on a tenant-scoped kind: each named with its tenant, and opened on its page in that tenant (by the tenant's internal id; its `id` is the external one). */
function tenantObjectHits(rows: Found["applications"] | Found["runtimes"], keyPrefix: string, path: string): Hit[] {
  return rows.map((row) => ({
    key: `${keyPrefix}:${row.id}`,
    name: row.name,
    where: `in ${row.tenant.name}`,
    href: `/tenants/${row.tenant.internalID}/${path}/${row.id}`,
  }));
}

/** The groups the palette shows, in order, each with the page a hit opens (a tenant's pages take its internal id). */
function groupsOf(found: Found): { heading: string; hits: Hit[] }[] {
  return [
    {
      heading: "Integration systems",
      hits: found.integrationSystems.map((row) => ({ key: `s:${row.id}`, name: row.name, href: `/integration-systems/${row.id}` })),
    },
    {
      heading: "Tenants",
      hits: found.tenants.map((row) => ({ key: `t:${row.id}`, name: row.name, where: row.externalId, href: `/tenants/${row.internalID}` })),
    },
    { heading: "Applications", hits: tenantObjectHits(found.applications, "a", "applications") },
    { heading: "Runtimes", hits: tenantObjectHits(found.runtimes, "r", "runtimes") },
  ].filter((group) => group.hits.length > 0);
}

type Answer = { text: string; found: Found } | { text: string; failed: true } | null;

/**
 * The console's global search: Ctrl+K (⌘K on a Mac) or the header's Search
 * button opens a palette that asks the server as one types (after a pause;
 * a newer text aborts the request of an older one, and an answer for older
 * text is never shown), lists integration systems, tenants, applications
 * and runtimes across tenants as far as the user may read them, and opens
 * the chosen one. Arrows move, Enter opens, Escape closes.
 */
export function GlobalSearch() {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [answer, setAnswer] = useState<Answer>(null);
  const [shortcut, setShortcut] = useState("Ctrl K");
  const client = useApolloClient();
  const router = useRouter();

  useEffect(() => {
    // Known only in the browser; the server renders the common one.
    if (/Mac|iPhone|iPad/.test(navigator.platform)) setShortcut("⌘K");
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setOpen((was) => !was);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  const query = text.trim();
  useEffect(() => {
    if (!open || !query) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      client
        .query({
          query: GlobalSearchDocument,
          variables: { query, first: HITS_PER_KIND },
          // Each text is asked once and never cached: the next keystroke asks anew.
          fetchPolicy: "no-cache",
          context: { fetchOptions: { signal: abort.signal } },
        })
        .then(
          ({ data }) => {
            if (!abort.signal.aborted && data) setAnswer({ text: query, found: data.globalSearch });
          },
          () => {
            if (!abort.signal.aborted) setAnswer({ text: query, failed: true });
          },
        );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [open, query, client]);

  const close = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setText("");
      setAnswer(null);
    }
  };
  const current = answer && answer.text === query ? answer : null;
  const groups = current && "found" in current ? groupsOf(current.found) : [];
  const status = !query
    ? "Type a name to search integration systems, tenants, applications and runtimes."
    : !current
      ? "Searching…"
      : "failed" in current
        ? "Could not search: the server did not answer. Type again to retry."
        : groups.length === 0
          ? `Nothing matches “${query}”.`
          : `${groups.reduce((sum, group) => sum + group.hits.length, 0)} found.`;

  return (
    <DialogPrimitive.Root open={open} onOpenChange={close}>
      <DialogPrimitive.Trigger asChild>
        <button type="button" className="btn btn-secondary search-button" aria-keyshortcuts="Control+K Meta+K" title={`Search (${shortcut})`}>
          <svg aria-hidden="true" className="search-icon" viewBox="0 0 16 16" width="16" height="16" focusable="false">
            <circle cx="6.5" cy="6.5" r="4.75" fill="none" stroke="currentColor" strokeWidth="1.6" />
            <path d="M10 10l4.25 4.25" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
          {/* Below 1440 px only the icon shows (app/globals.css); the name stays for screen readers. */}
          <span className="search-button-text">Search</span>
          <span className="search-kbd" aria-hidden="true">
            {shortcut}
          </span>
        </button>
      </DialogPrimitive.Trigger>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="dialog-overlay" />
        <DialogPrimitive.Content className="dialog palette" aria-describedby={undefined} data-no-unsaved-work>
          <DialogPrimitive.Title className="sr-only">Search the console</DialogPrimitive.Title>
          <Command shouldFilter={false} label="Search the console" loop>
            <Command.Input
              value={text}
              onValueChange={(value) => setText(value.slice(0, MAX_TEXT))}
              maxLength={MAX_TEXT}
              placeholder="Search by name…"
              aria-label="Search integration systems, tenants, applications and runtimes by name"
              className="palette-input"
            />
            <Command.List className="palette-list" aria-busy={!!query && !current}>
              {groups.map((group) => (
                <Command.Group key={group.heading} heading={group.heading} className="palette-group">
                  {group.hits.map((hit) => (
                    <Command.Item
                      key={hit.key}
                      value={hit.key}
                      className="palette-item"
                      onSelect={() => {
                        close(false);
                        router.push(hit.href);
                      }}
                    >
                      <span className="palette-name">{hit.name}</span>
                      {hit.where ? <span className="palette-where">{hit.where}</span> : null}
                    </Command.Item>
                  ))}
                </Command.Group>
              ))}
            </Command.List>
            <div className="palette-status" role="status">
              {status}
            </div>
          </Command>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
