import fs from "node:fs/promises";
import { E2E_ADMIN } from "./admin";
import { graphql, signIn, uniqueName } from "./console";
import { expect, expectListSettled, expectNoSeriousA11yViolations, screenshots, test } from "./fixtures";
import { AuditLogPage, SystemDetailPage, SystemListControls } from "./pages/console-scale-pages";

/** Issue 16: credentials' scopes and notes, expiry marks, lists at scale, the audit log's filters and export, the overview. */

const CREATE_SYSTEM = `mutation($name: String!, $description: String) { createIntegrationSystem(in: { name: $name, description: $description }) { id } }`;
const GENERATE = `mutation($id: ID!, $days: Int) { generateClientCredentialsForIntegrationSystem(id: $id, expiresInDays: $days) { id } }`;

test("credentials: scopes and a note when generating, both shown; the note edited; endpoints stay; revoke says when last used", async ({ page }) => {
  await signIn(page);
  const name = uniqueName("Scoped Sync");
  const { createIntegrationSystem } = await graphql(page.request, CREATE_SYSTEM, { name });
  const detail = new SystemDetailPage(page);
  await detail.goto(createIntegrationSystem.id);

  await page.getByRole("button", { name: "Generate credentials" }).click();
  const dialog = detail.generateDialog();
  await expect(dialog.getByRole("checkbox", { name: "tenant:read" })).toBeChecked();
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "credentials-generate-scopes");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  const clientId = await detail.generate({ uncheck: ["application:write", "tenant:read"], note: "prod cluster" });
  const row = detail.credentialRow(clientId);
  await expect(row).toContainText("prod cluster");
  await expect(row).toContainText("integration_system:read");
  await expect(row).toContainText("application:read");
  await expect(row).not.toContainText("application:write");
  await expect(row).not.toContainText("tenant:read");

  // After the reveal has closed, where clients go stays on the page.
  const endpoints = detail.endpoints();
  const origin = new URL(page.url()).origin;
  await expect(endpoints).toContainText(`${origin}/oauth2/token`);
  await expect(endpoints).toContainText(`${origin}/.well-known/jwks.json`);
  await expect(endpoints.getByText(origin, { exact: true })).toBeVisible();

  // The note, edited.
  await page.getByRole("button", { name: `Edit note credential ${clientId}` }).click();
  const noteDialog = page.getByRole("dialog", { name: "Credential note" });
  await noteDialog.getByLabel("Note").fill("CI runners");
  await expectNoSeriousA11yViolations(page);
  await noteDialog.getByRole("button", { name: "Save note" }).click();
  await expect(noteDialog).toBeHidden();
  await expect(row).toContainText("CI runners");
  await page.reload();
  await expect(detail.credentialRow(clientId)).toContainText("CI runners");

  // Revoke: the dialog tells whether the credential was ever used.
  await page.getByRole("button", { name: `Revoke credential ${clientId}` }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke this credential?" });
  await expect(confirm).toContainText("Never used.");
  await expect(confirm).toContainText("CI runners");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "credentials-revoke-last-used");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await screenshots(page, "credentials-scopes-note");
});

test("expiry: credentials expiring within 7 days are marked in the table, on the system page and in the list; API tokens default to 30 days", async ({
  page,
}) => {
  await signIn(page);
  const name = uniqueName("Expiring Bridge");
  const { createIntegrationSystem } = await graphql(page.request, CREATE_SYSTEM, { name });
  const soon = (await graphql(page.request, GENERATE, { id: createIntegrationSystem.id, days: 3 })).generateClientCredentialsForIntegrationSystem.id;
  const later = (await graphql(page.request, GENERATE, { id: createIntegrationSystem.id, days: 90 })).generateClientCredentialsForIntegrationSystem.id;

  const detail = new SystemDetailPage(page);
  await detail.goto(createIntegrationSystem.id);
  await expect(detail.credentialRow(soon)).toContainText("Expires soon");
  await expect(detail.credentialRow(later)).not.toContainText("Expires soon");
  await expect(page.getByRole("status").filter({ hasText: "1 credential expiring within 7 days" })).toBeVisible();

  await page.goto(`/integration-systems?q=${encodeURIComponent(name)}`);
  await expectListSettled(page);
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("1 credential expiring soon");

  await page.goto("/api-tokens");
  await page.getByRole("button", { name: "Create API token" }).first().click();
  const form = page.getByRole("dialog", { name: "Create API token" });
  const days = form.getByLabel("Expires after (days)");
  await expect(days).toHaveValue("30");
  const in30 = new Date(Date.now() + 30 * 86_400_000);
  await expect(form).toContainText(`Expires ${in30.toLocaleDateString("en-US", { month: "short", day: "numeric" })}`);
  await days.fill("2");
  const in2 = new Date(Date.now() + 2 * 86_400_000);
  await expect(form).toContainText(`Expires ${in2.toLocaleDateString("en-US", { month: "short", day: "numeric" })}`);
  await days.fill("");
  await expect(form).toContainText("Never expires");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "api-token-default-expiry");
  await form.getByLabel("Name").fill("expiring soon token");
  await days.fill("2");
  await form.getByRole("button", { name: "Create token" }).click();
  const reveal = page.getByRole("dialog", { name: "API token created" });
  await reveal.getByRole("checkbox").check();
  await reveal.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("row").filter({ hasText: "expiring soon token" })).toContainText("Expires soon");
});

test("lists at scale: search by description and client id, filters, last used, first/last/page number, Back and Forward", async ({ page }) => {
  await signIn(page);
  const prefix = uniqueName("Fleet").replace(/ /g, "");
  const ids: string[] = [];
  for (let index = 0; index < 23; index++) {
    const { createIntegrationSystem } = await graphql(page.request, CREATE_SYSTEM, {
      name: `${prefix} ${String(index).padStart(2, "0")}`,
      description: index === 5 ? `Fleet of ${prefix} warehouse robots` : null,
    });
    ids.push(createIntegrationSystem.id);
  }
  const clientId = (await graphql(page.request, GENERATE, { id: ids[7] })).generateClientCredentialsForIntegrationSystem.id;

  const controls = new SystemListControls(page);
  await page.goto(`/integration-systems?q=${encodeURIComponent(prefix)}&size=10`);
  await expectListSettled(page);
  const rows = page.getByRole("table", { name: "Integration systems" }).locator("tbody tr");
  await expect(controls.status()).toHaveText("Page 1 of 3 · 23 in all");
  await expect(page.getByRole("columnheader", { name: "Last used" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "integration-systems-at-scale");

  await page.getByRole("button", { name: "Last page" }).click();
  await expect(controls.status()).toHaveText("Page 3 of 3 · 23 in all");
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText(`${prefix} 20`);
  await controls.goToPage(2);
  await expect(page).toHaveURL(/[?&]p=2/);
  await expect(controls.status()).toHaveText("Page 2 of 3 · 23 in all");
  await expect(rows.first()).toContainText(`${prefix} 10`);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(controls.status()).toHaveText("Page 3 of 3 · 23 in all");
  await page.goBack();
  await expect(controls.status()).toHaveText("Page 2 of 3 · 23 in all");
  await page.goBack();
  await expect(controls.status()).toHaveText("Page 3 of 3 · 23 in all");
  await page.goForward();
  await expect(controls.status()).toHaveText("Page 2 of 3 · 23 in all");
  await page.getByRole("button", { name: "Previous" }).click();
  await expect(controls.status()).toHaveText("Page 1 of 3 · 23 in all");
  await controls.goToPage(9);
  await expect(page.getByRole("alert").filter({ hasText: "Enter a page from 1 to 3" })).toBeVisible();
  await controls.goToPage(3);
  await page.getByRole("button", { name: "First page" }).click();
  await expect(controls.status()).toHaveText("Page 1 of 3 · 23 in all");

  // Filters narrow the search, and combine with it.
  await controls.filter("Without credentials");
  await expect(page).toHaveURL(/[?&]filter=NO_CREDENTIALS/);
  await expect(controls.status()).toHaveText("Page 1 of 3 · 22 in all");
  await controls.filter("Never used");
  await expect(controls.status()).toHaveText("Page 1 of 3 · 23 in all");
  await controls.filter("Credentials expiring soon");
  await expect(page.getByText(`No integration system matches “${prefix}” and the filter “Credentials expiring soon”.`)).toBeVisible();

  // Search matches descriptions and whole client ids.
  await page.goto(`/integration-systems?q=${encodeURIComponent("warehouse ROBOTS")}`);
  await expectListSettled(page);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`${prefix} 05`);
  await page.getByLabel("Search by name, description or client ID").fill(clientId);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${clientId}`));
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`${prefix} 07`);
});

test("tenants: search and sort, kept in the URL", async ({ page }) => {
  await signIn(page);
  const tag = uniqueName("t").replace(/\W/g, "").toLowerCase();
  for (const [externalId, name] of [
    [`${tag}-b`, "Alpha Mining"],
    [`${tag}-a`, "Zulu Freight"],
  ]) {
    await graphql(page.request, `mutation($in: TenantInput!) { createTenant(in: $in) { id } }`, { in: { externalId, name } });
  }
  await page.goto("/tenants");
  await expectListSettled(page);
  await page.getByLabel("Search by name or external id").fill(tag);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${tag}`));
  const rows = page.getByRole("table", { name: "Tenants" }).locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await page.getByRole("button", { name: /^External id, sort/ }).click();
  await expect(page).toHaveURL(/[?&]sort=EXTERNAL_ID%3Aasc/);
  await expect(rows.first()).toContainText("Zulu Freight");
  await page.getByRole("button", { name: /^Name, sort/ }).click();
  await expect(page).toHaveURL(/[?&]sort=NAME%3Aasc/);
  await expect(rows.first()).toContainText("Alpha Mining");
  await page.getByRole("button", { name: /^Name, sort/ }).click();
  await expect(rows.first()).toContainText("Zulu Freight");
  await expectListSettled(page);
  await page.reload();
  await expect(rows.first()).toContainText("Zulu Freight");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "tenants-search-sort");
});

test("audit log: in words, filtered by action, object name and actor in the URL, exported as CSV", async ({ page }) => {
  await signIn(page);
  const name = uniqueName("Audit Target");
  const { createIntegrationSystem } = await graphql(page.request, CREATE_SYSTEM, { name, description: "=cmd|' /C calc'!A0" });
  await graphql(page.request, GENERATE, { id: createIntegrationSystem.id });

  const audit = new AuditLogPage(page);
  await audit.goto();
  await expect(audit.table().locator("tbody tr").first()).toContainText("Client credentials generated");
  await audit.filter({ object: name.toUpperCase(), action: "Integration system registered", actor: E2E_ADMIN.email.slice(0, 5) });
  await expect(page).toHaveURL(/[?&]action=INTEGRATION_SYSTEM_CREATED/);
  await expect(page).toHaveURL(/[?&]object=/);
  const rows = audit.table().locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Integration system registered");
  await expect(rows.first()).toContainText("Integration system");
  await expectListSettled(page);
  await page.reload();
  await expect(page.getByLabel("Action")).toHaveValue("INTEGRATION_SYSTEM_CREATED");
  await expect(rows).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "audit-log-filtered");

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const csv = await fs.readFile((await (await download).path())!, "utf8");
  const lines = csv
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
  // Every cell is quoted (issue 20, finding 11), so a spreadsheet splitting on ";" still sees one cell.
  const quoted = (...cells: string[]) => cells.map((cell) => `"${cell}"`).join(",");
  expect(lines[0]).toBe(quoted("time", "actorType", "actor", "actorId", "authMethod", "action", "objectType", "objectId", "object", "details"));
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`,${quoted("INTEGRATION_SYSTEM_CREATED", "IntegrationSystem", createIntegrationSystem.id, name)},`);
  await expect(page.getByRole("status").filter({ hasText: "Downloaded 1 events." })).toBeVisible();

  // Clearing the filters shows everything again.
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/audit-log$/);
});

test("overview: the console's home counts systems and expiring credentials and lists the last events", async ({ page }) => {
  await signIn(page);
  const name = uniqueName("Overview Soon");
  const { createIntegrationSystem } = await graphql(page.request, CREATE_SYSTEM, { name });
  await graphql(page.request, GENERATE, { id: createIntegrationSystem.id, days: 2 });
  const { integrationSystems } = await graphql(page.request, `{ integrationSystems(first: 1) { totalCount } }`);

  await page.goto("/");
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByRole("link", { name: `${integrationSystems.totalCount} Integration systems` })).toBeVisible();
  const attention = page.getByRole("region", { name: "Credentials expiring soon" });
  await expect(attention.getByRole("link", { name })).toBeVisible();
  await expect(page.getByRole("region", { name: "Last events" })).toContainText(`Client credentials generated: Integration system ${name}`);
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "overview");
});
