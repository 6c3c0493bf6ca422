/**
 * Input a person typed and has not saved yet, remembered across a forced
 * sign-in: when the session ends mid-edit the console leaves for the login
 * page, and the page the user comes back to says what was lost.
 *
 * A form or dialog counts as unsaved once the user has typed, picked or
 * ticked something in it and it is still on the page (saving closes a dialog
 * or leaves the form's page; a save refused for the ended session keeps it).
 */
const STORAGE_KEY = "compass.unsavedWork";

export interface UnsavedWorkNote {
  /** The page the user was on. */
  path: string;
  /** What held the input, in the page's own words: a dialog's title or the page heading. */
  places: string[];
}

const touched = new Set<Element>();

function containerOf(target: EventTarget | null): Element | null {
  if (!(target instanceof Element)) return null;
  if (!target.matches("input, textarea, select")) return null;
  // The search box and the page-size picker filter a list: nothing to save there.
  if (target.closest("[data-no-unsaved-work]")) return null;
  // A dialog is named by its title; a form on a page by the page's heading.
  return target.closest('[role="dialog"], [role="alertdialog"]') ?? target.closest("form");
}

/** Starts listening for input anywhere on the page; returns the way to stop. */
export function watchForUnsavedWork(document: Document = window.document): () => void {
  const record = (event: Event) => {
    const container = containerOf(event.target);
    if (container) touched.add(container);
  };
  document.addEventListener("input", record, true);
  document.addEventListener("change", record, true);
  return () => {
    document.removeEventListener("input", record, true);
    document.removeEventListener("change", record, true);
    touched.clear();
  };
}

function describe(container: Element): string {
  const labelledBy = container.getAttribute("aria-labelledby");
  const title = (labelledBy && container.ownerDocument.getElementById(labelledBy)?.textContent) || container.getAttribute("aria-label");
  return (title || container.ownerDocument.querySelector("h1")?.textContent || "this page").trim();
}

/** Keeps a note of the unsaved input on the page, if there is any, for after the next sign-in. */
export function noteUnsavedWork(path: string, storage: Storage = window.sessionStorage) {
  const places = [...new Set([...touched].filter((container) => container.isConnected).map(describe))];
  if (places.length === 0) return;
  storage.setItem(STORAGE_KEY, JSON.stringify({ path, places } satisfies UnsavedWorkNote));
}

/** The note left before the last forced sign-in, once: reading it removes it. */
export function takeUnsavedWorkNote(storage: Storage = window.sessionStorage): UnsavedWorkNote | null {
  const raw = storage.getItem(STORAGE_KEY);
  if (!raw) return null;
  storage.removeItem(STORAGE_KEY);
  try {
    const note = JSON.parse(raw) as UnsavedWorkNote;
    return typeof note.path === "string" && Array.isArray(note.places) ? note : null;
  } catch {
    return null;
  }
}
