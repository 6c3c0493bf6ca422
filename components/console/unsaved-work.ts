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
/** Sent to be saved since last typed in: not worth a prompt on leaving, but still lost if the session ended before the save. */
const submitted = new Set<Element>();

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
    if (!container) return;
    touched.add(container);
    submitted.delete(container);
  };
  const send = (event: Event) => {
    const form = event.target instanceof HTMLFormElement ? event.target : null;
    const container = form && (form.closest('[role="dialog"], [role="alertdialog"]') ?? form);
    if (container && touched.delete(container)) submitted.add(container);
  };
  document.addEventListener("input", record, true);
  document.addEventListener("change", record, true);
  document.addEventListener("submit", send, true);
  return () => {
    document.removeEventListener("input", record, true);
    document.removeEventListener("change", record, true);
    document.removeEventListener("submit", send, true);
    touched.clear();
    submitted.clear();
  };
}

function describe(container: Element): string {
  const labelledBy = container.getAttribute("aria-labelledby");
  const title = (labelledBy && container.ownerDocument.getElementById(labelledBy)?.textContent) || container.getAttribute("aria-label");
  return (title || container.ownerDocument.querySelector("h1")?.textContent || "this page").trim();
}

const placesOf = (containers: Iterable<Element>) => [...new Set([...containers].filter((container) => container.isConnected).map(describe))];

/**
 * Where leaving the page now would lose something: forms and dialogs typed in
 * and not sent since, and dialogs that hold what cannot be shown again (an
 * open secret). Empty when nothing would be lost.
 */
function unsavedPlaces(document: Document = window.document): string[] {
  return placesOf([...touched, ...document.querySelectorAll("[data-unsaved-while-open]")]);
}

/** The question the leave guard asks, or null when nothing would be lost. */
function leaveQuestion(document: Document = window.document): string | null {
  const places = unsavedPlaces(document);
  if (places.length === 0) return null;
  return `Leave this page? What is in ${places.map((place) => `“${place}”`).join(", ")} has not been saved and will be lost.`;
}

/** Keeps a note of the unsaved input on the page, if there is any, for after the next sign-in. */
export function noteUnsavedWork(path: string, storage: Storage = window.sessionStorage) {
  const places = placesOf([...touched, ...submitted]);
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

interface NavigateEventLike extends Event {
  navigationType: string;
}

/**
 * Asks before any way of leaving a page that holds unsaved work: a link
 * (in-app or not), Back and Forward, reload and closing the tab. Links are
 * caught before Next's router sees them; Back and Forward through the
 * Navigation API where the browser has it (same-document traversals can be
 * cancelled there); reload, closing and any other full page load through
 * beforeunload, where the browser asks in its own words.
 */
export function guardLeaving(window: Window): () => void {
  const document = window.document;
  let leaving = false;
  const ask = () => {
    const question = leaveQuestion(document);
    if (!question || window.confirm(question)) {
      leaving = true;
      // A page that stays (the navigation failed or was in-app) guards again.
      setTimeout(() => {
        leaving = false;
      }, 1000);
      return true;
    }
    return false;
  };
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!(link instanceof HTMLAnchorElement) || link.hasAttribute("download") || (link.target && link.target !== "_self")) return;
    if (link.href.split("#")[0] === window.location.href.split("#")[0] && link.hash) return;
    if (!ask()) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  };
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (leaving || !leaveQuestion(document)) return;
    event.preventDefault();
    // Older browsers ask only when returnValue is set.
    event.returnValue = "";
  };
  const navigation = (window as Window & { navigation?: EventTarget }).navigation;
  const onNavigate = (event: Event) => {
    if ((event as NavigateEventLike).navigationType !== "traverse" || !event.cancelable) return;
    if (!ask()) event.preventDefault();
  };
  document.addEventListener("click", onClick, true);
  window.addEventListener("beforeunload", onBeforeUnload);
  navigation?.addEventListener("navigate", onNavigate);
  return () => {
    document.removeEventListener("click", onClick, true);
    window.removeEventListener("beforeunload", onBeforeUnload);
    navigation?.removeEventListener("navigate", onNavigate);
  };
}
