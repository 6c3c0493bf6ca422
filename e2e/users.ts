import { type APIRequestContext, expect, type Page } from "@playwright/test";

/** A VIEWER the specs sign in as; created by the admin on first use (the e2e database is fresh per run). */
export const E2E_VIEWER = { email: "viewer@example.com", password: "e2e viewer password" };

/** Runs a GraphQL operation with the session cookie of `request` (e.g. `page.request`) and returns `data`, failing on any error. */
export async function graphql<T = any>(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await request.post("/api/graphql", { data: { query, variables } });
  const body = await response.json();
  expect(body.errors, `GraphQL errors for ${query}`).toBeUndefined();
  return body.data as T;
}

/** Creates the e2e viewer unless it exists; `page` must be signed in as an admin. */
export async function ensureViewer(page: Page) {
  const { users } = await graphql<{ users: { email: string }[] }>(page.request, "{ users { email } }");
  if (users.some((user) => user.email === E2E_VIEWER.email)) return;
  await graphql(page.request, "mutation($in: CreateUserInput!) { createUser(in: $in) { id } }", { in: { ...E2E_VIEWER, role: "VIEWER" } });
}
