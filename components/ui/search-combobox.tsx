"use client";

import * as Popover from "@radix-ui/react-popover";
import { Command } from "cmdk";
import { useEffect, useId, useState } from "react";
import { SEARCH_DEBOUNCE_MS } from "./data-table-toolbar";

export interface ComboboxOption {
  id: string;
  name: string;
}

/**
 * Picks one object out of any number: the server searches, the list shows its
 * first matches and says how many more there are, so typing reaches every
 * one (a native select of the first 200 could not reach the 201st). The
 * trigger is labelled by the field's label (`id`); the search box and the
 * options live in a popover, keyboard first (cmdk).
 */
export function SearchCombobox({
  id,
  value,
  onChange,
  noneLabel,
  searchLabel,
  options,
  totalCount,
  loading,
  failed,
  onSearchChange,
  invalid,
  describedBy,
}: {
  id: string;
  value: ComboboxOption | null;
  onChange: (option: ComboboxOption | null) => void;
  /** The choice of nothing, e.g. "No integration system". */
  noneLabel: string;
  /** The search box's label, e.g. "Search integration systems". */
  searchLabel: string;
  options: ComboboxOption[];
  /** How many objects match the search on the server. */
  totalCount: number;
  loading: boolean;
  failed: boolean;
  /** Called after the user pauses typing, and with "" when the popover opens. */
  onSearchChange: (search: string) => void;
  invalid?: boolean;
  describedBy?: string;
}) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const listId = useId();

  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(() => onSearchChange(text.trim()), text ? SEARCH_DEBOUNCE_MS : 0);
    return () => clearTimeout(timer);
  }, [open, text, onSearchChange]);

  const choose = (option: ComboboxOption | null) => {
    onChange(option);
    setOpen(false);
    setText("");
  };
  const more = totalCount - options.length;

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <button
          id={id}
          type="button"
          className="combobox-trigger"
          role="combobox"
          aria-expanded={open}
          aria-controls={open ? listId : undefined}
          aria-haspopup="listbox"
          aria-invalid={invalid ? true : undefined}
          aria-describedby={describedBy}
        >
          <span className="combobox-value">{value?.name ?? noneLabel}</span>
          <span aria-hidden="true" className="combobox-chevron">
            ▾
          </span>
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="combobox-popover" align="start" sideOffset={4} aria-label={searchLabel} data-no-unsaved-work>
          <Command shouldFilter={false} label={searchLabel} loop>
            <Command.Input value={text} onValueChange={setText} placeholder={searchLabel} aria-label={searchLabel} className="combobox-search" />
            <Command.List id={listId} className="combobox-list" aria-busy={loading}>
              {failed ? (
                <div className="combobox-note" role="status">
                  Could not search: the server did not answer. Type again to retry.
                </div>
              ) : null}
              {text.trim() === "" ? (
                <Command.Item value="-none-" onSelect={() => choose(null)} className="combobox-item">
                  {noneLabel}
                </Command.Item>
              ) : null}
              {options.map((option) => (
                <Command.Item key={option.id} value={option.id} onSelect={() => choose(option)} className="combobox-item">
                  {option.name}
                </Command.Item>
              ))}
              {!loading && !failed && options.length === 0 && text.trim() !== "" ? <div className="combobox-note">Nothing matches “{text.trim()}”.</div> : null}
            </Command.List>
            <div className="combobox-note" role="status">
              {loading ? "Searching…" : more > 0 ? `${more.toLocaleString("en")} more: type to narrow the list.` : ""}
            </div>
          </Command>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
