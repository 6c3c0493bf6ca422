/**
 * Keeps a client-side navigation in the app when the server cannot be reached
 * for a moment (a restart, a network blip). Next's router fetches the next
 * page's data (a request with the `RSC: 1` header) and, when that fetch fails,
 * falls back to a full page load, which lands on the browser's own "This site
 * can't be reached" page. Wrapped, such a fetch is tried again until the server
 * answers (or the router drops it), while `onWaiting` lets the console say so
 * over the page that is still there.
 *
 * Only page data is retried: it is a read. GraphQL requests keep their own
 * path (console-link.ts): a mutation must not be sent twice behind the user's back.
 */

/** What a proxy or a restarting server answers for a moment: worth asking again. */
const PASSING_STATUSES = new Set([502, 503, 504]);

/** Seconds between tries: quick at first, then every few seconds. */
const RETRY_DELAYS_MS = [500, 1000, 2000, 3000];

type Fetch = typeof fetch;

function headerOf(input: RequestInfo | URL, init: RequestInit | undefined, name: string): string | null {
  if (init?.headers) return new Headers(init.headers).get(name);
  return input instanceof Request ? input.headers.get(name) : null;
}

/** A navigation's page data; not a prefetch, which Next drops quietly on failure and tries again on the next hover. */
function isPageDataRequest(input: RequestInfo | URL, init?: RequestInit): boolean {
  return headerOf(input, init, "rsc") === "1" && headerOf(input, init, "next-router-prefetch") !== "1";
}

function signalOf(input: RequestInfo | URL, init: RequestInit | undefined): AbortSignal | undefined {
  return init?.signal ?? (input instanceof Request ? input.signal : undefined);
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", stop);
      resolve();
    }, ms);
    function stop() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener("abort", stop, { once: true });
  });
}

/**
 * `fetch` that retries page data while the server is unreachable. `onWaiting`
 * gets +1 when a request starts waiting and -1 when it is answered or dropped.
 */
export function reconnectingFetch(original: Fetch, onWaiting: (delta: 1 | -1) => void, delays: readonly number[] = RETRY_DELAYS_MS): Fetch {
  return async (input, init) => {
    if (!isPageDataRequest(input, init)) return original(input, init);
    const signal = signalOf(input, init);
    let waiting = false;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          const response = await original(input, init);
          if (!PASSING_STATUSES.has(response.status)) return response;
        } catch (error) {
          if (signal?.aborted) throw error;
        }
        if (!waiting) {
          waiting = true;
          onWaiting(1);
        }
        await pause(delays[Math.min(attempt, delays.length - 1)], signal);
      }
    } finally {
      if (waiting) onWaiting(-1);
    }
  };
}
