import { type APIRequestContext, type Page, expect } from "@playwright/test";
import { E2E_ADMIN } from "./admin";

/** Helpers the console specs share: signing in, GraphQL as the signed-in user, a viewer account, client-side state. */

export async function signIn(page: Page, account: { email: string; password: string } = E2E_ADMIN) {
  const response = await page.request.post("/api/auth/login", { data: account });
  expect(response.status(), "sign-in").toBe(204);
}

/** Runs a GraphQL operation with the page's session cookie, failing on any error. */
export async function graphql<T = any>(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await request.post("/api/graphql", { data: { query, variables } });
  const body = await response.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

/** A VIEWER the specs sign in as; created by the admin on first use (the e2e database is fresh per run). */
export const E2E_VIEWER = { email: "viewer@example.com", password: "e2e viewer password" };

/** Creates the e2e viewer unless it exists; `page` must be signed in as an admin. */
export async function ensureViewer(page: Page) {
  const { users } = await graphql<{ users: { email: string }[] }>(page.request, "{ users { email } }");
  if (users.some((user) => user.email === E2E_VIEWER.email)) return;
  await graphql(page.request, "mutation($in: CreateUserInput!) { createUser(in: $in) { id } }", { in: { ...E2E_VIEWER, role: "VIEWER" } });
}

/** A name no other test or earlier run uses. */
export const uniqueName = (prefix: string) => `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** What the Apollo cache, local storage and session storage hold, as one string to search. */
export async function clientSideState(page: Page): Promise<string> {
  return page.evaluate(() => {
    const clients = (window as unknown as Record<symbol, { cache: { extract: () => unknown } }[]>)[Symbol.for("apollo.devtools")] ?? [];
    return JSON.stringify({
      apolloClients: clients.length,
      cache: clients.map((client) => client.cache.extract()),
      local: { ...localStorage },
      session: { ...sessionStorage },
    });
  });
}
