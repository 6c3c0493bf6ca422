/**
 * Issue 27, "Governance": scoped API tokens, admins' view of every user's
 * tokens, the Users page's paging, last sign-in, pending invitations and
 * "end all sessions", and application credentials with expiry and scopes.
 */
import { E2E_ADMIN } from "./admin";
import { E2E_VIEWER, ensureViewer, graphql, signIn, uniqueName } from "./console";
import { expect, expectListSettled, expectNoSeriousA11yViolations, screenshots, test } from "./fixtures";
import { UsersPage } from "./pages/users-page";

const emailFor = (prefix: string) => `${uniqueName(prefix).replace(/\s+/g, "-")}@example.com`;

test("an admin creates a read-only token in the dialog: it reads, and every write is FORBIDDEN", async ({ page, playwright, baseURL }) => {
  await signIn(page);
  await page.goto("/api-tokens");
  await expectListSettled(page);
  await page.getByRole("button", { name: "Create API token" }).first().click();
  const form = page.getByRole("dialog", { name: "Create API token" });
  await expect(form.getByRole("radio", { name: /^All of your rights:/ })).toBeChecked();
  // Chosen scopes: the admin's own, as checkboxes; none ticked is refused before sending.
  await form.getByRole("radio", { name: /^Chosen scopes:/ }).check();
  await expect(form.getByRole("checkbox", { name: "application:write" })).toBeChecked();
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "api-token-scopes");
  await form.getByRole("radio", { name: /^Read-only:/ }).check();
  await expect(form.getByRole("checkbox")).toHaveCount(0);
  const name = uniqueName("read only");
  await form.getByLabel("Name").fill(name);
  await form.getByRole("button", { name: "Create token" }).click();
  const reveal = page.getByRole("dialog", { name: "API token created" });
  const token = (await reveal.getByLabel("Token", { exact: true }).textContent())!.trim();
  await reveal.getByLabel("I have copied the token and stored it somewhere safe").check();
  await reveal.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("table", { name: "Your API tokens" }).getByRole("row").filter({ hasText: name })).toContainText("Read-only");

  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const read = await (await api.post("/api/graphql", { data: { query: "{ viewer { scopes } }" } })).json();
  expect(read.data.viewer.scopes.every((scope: string) => scope.endsWith(":read"))).toBe(true);
  for (const query of ['mutation { createTenant(in: { externalId: "ro", name: "ro" }) { id } }', 'mutation { createApiToken(name: "more") { token } }']) {
    const write = await (await api.post("/api/graphql", { data: { query } })).json();
    expect(write.errors[0].extensions.code).toBe("FORBIDDEN");
  }
  await api.dispose();
});

test("an admin sees every user's tokens under All users, with their owner, and revokes one", async ({ page, newPage }) => {
  await signIn(page);
  await ensureViewer(page);
  // The viewer makes a token of their own.
  const viewerPage = await newPage();
  await signIn(viewerPage, E2E_VIEWER);
  const name = uniqueName("viewer token");
  await graphql(viewerPage.request, "mutation($name: String!) { createApiToken(name: $name) { apiToken { id } } }", { name });

  await page.goto("/api-tokens");
  await expectListSettled(page);
  await page.getByRole("link", { name: "All users" }).click();
  await expect(page).toHaveURL(/\/api-tokens\?owner=all$/);
  const table = page.getByRole("table", { name: "Every user's API tokens" });
  await expect(table.getByRole("columnheader", { name: "Owner" })).toBeVisible();
  const row = table.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(E2E_VIEWER.email);
  await expect(row).toContainText("Read-only");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "api-tokens-all-users");
  await row.getByRole("button", { name: `Revoke ${name} of ${E2E_VIEWER.email}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(row).toHaveCount(0);
  // Back walks to the admin's own tokens.
  await page.goBack();
  await expect(page.getByRole("table", { name: "Your API tokens" })).toBeVisible();
});

test("the Users page: last sign-in, a pending invitation resent and revoked, all sessions of a user ended, and paging", async ({ page, newPage }) => {
  const users = new UsersPage(page);
  await signIn(page);
  await ensureViewer(page);
  const viewerPage = await newPage();
  await signIn(viewerPage, E2E_VIEWER);
  await users.goto();
  await expect(users.table().getByRole("columnheader", { name: "Last sign-in" })).toBeVisible();
  await expect(users.row(E2E_ADMIN.email)).not.toContainText("Never");

  const email = emailFor("pending");
  await users.invite(email, "Viewer");
  const first = await users.takeLink(email);
  await expect(users.row(email)).toContainText("Invitation pending");
  await expect(users.row(email)).toContainText("Never");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "users-governance");

  await users.rowAction(email, "Resend invitation");
  await page.getByRole("dialog").getByRole("button", { name: "Create new link" }).click();
  const second = await users.takeLink(email);
  expect(second).not.toBe(first);
  await users.rowAction(email, "Revoke invitation");
  await page.getByRole("dialog").getByRole("button", { name: "Revoke invitation" }).click();
  await expect(users.row(email)).toHaveCount(0);

  // End all sessions of the viewer: their browser is signed out.
  await users.rowAction(E2E_VIEWER.email, "End all sessions");
  await page.getByRole("dialog").getByRole("button", { name: "End all sessions" }).click();
  await expect(page.getByRole("status")).toContainText(`of ${E2E_VIEWER.email}`);
  expect((await viewerPage.request.post("/api/graphql", { data: { query: "{ viewer { role } }" } })).status()).toBe(401);

  // Paged: with more than 10 users and 10 a page, Next walks on and the page is in the URL.
  const { userPage } = await graphql<{ userPage: { totalCount: number } }>(page.request, "{ userPage { totalCount } }");
  for (let i = userPage.totalCount; i <= 10; i++) {
    await graphql(page.request, "mutation($email: String!) { inviteUser(in: { email: $email, role: VIEWER }) { expiresAt } }", { email: emailFor("filler") });
  }
  await page.goto("/users?size=10");
  await users.settled();
  await expect(users.table().getByRole("row")).toHaveCount(11);
  await page.getByRole("navigation", { name: "Pagination" }).getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/page=/);
  await users.settled();
  await expect(users.table().getByRole("row").nth(1)).toBeVisible();
});

test("application credentials take an expiry and a subset of the application's scopes", async ({ page }) => {
  await signIn(page);
  const externalId = uniqueName("gov").replace(/\s+/g, "-");
  await graphql(page.request, "mutation($in: TenantInput!) { createTenant(in: $in) { id } }", { in: { externalId, name: "Governance" } });
  const headers = { tenant: externalId };
  const register = await page.request.post("/api/graphql", { headers, data: { query: 'mutation { registerApplication(in: { name: "gov-app" }) { id } }' } });
  const id = (await register.json()).data.registerApplication.id;
  const answer = await page.request.post("/api/graphql", {
    headers,
    data: {
      query: `mutation($id: ID!) { requestClientCredentialsForApplication(id: $id, expiresInDays: 30, scopes: ["application:read"]) { ... on AppSystemAuth { expiresAt scopes } } }`,
      variables: { id },
    },
  });
  const credential = (await answer.json()).data.requestClientCredentialsForApplication;
  expect(credential.scopes).toEqual(["application:read"]);
  expect(Date.parse(credential.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
});
