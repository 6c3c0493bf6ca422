import type { Page } from "@playwright/test";
import { E2E_ADMIN } from "./admin";
import { expect, expectListSettled, expectNoSeriousA11yViolations, screenshots, test } from "./fixtures";
import { E2E_VIEWER, ensureViewer, graphql } from "./console";

const CREATE = `mutation($name: String!, $days: Int) { createApiToken(name: $name, expiresInDays: $days) { apiToken { id } } }`;
const REVOKE = `mutation($id: ID!) { revokeApiToken(id: $id) { id } }`;

async function createToken(page: Page, name: string, days?: number): Promise<string> {
  const data = await graphql<{ createApiToken: { apiToken: { id: string } } }>(page.request, CREATE, { name, days });
  return data.createApiToken.apiToken.id;
}

test("the admin reads the events just made, in words, filters them by object, and the filter survives a reload", async ({ page, loginPage }) => {
  await page.goto("/audit-log");
  await loginPage.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/audit-log$/);

  const kept = await createToken(page, "audit kept", 7);
  const revoked = await createToken(page, "audit revoked");
  await graphql(page.request, REVOKE, { id: revoked });
  await expectListSettled(page);
  await page.reload();

  const table = page.getByRole("table", { name: "Audit events" });
  const rows = table.locator("tbody tr");
  // Newest first: the revocation, then the two creations.
  await expect(rows.nth(0)).toContainText("API token revoked");
  await expect(rows.nth(0)).toContainText("audit revoked");
  await expect(rows.nth(0)).toContainText(E2E_ADMIN.email);
  await expect(rows.nth(1)).toContainText("API token created");
  await expect(rows.nth(1)).toContainText("audit revoked");
  await expect(rows.nth(2)).toContainText("API token created");
  await expect(rows.nth(2)).toContainText("audit kept");
  await expect(rows.nth(2)).toContainText("API token");
  await expect(rows.nth(2)).toContainText(kept);

  // Details are one line that opens to the whole record.
  const details = rows.nth(2).locator("details");
  await details.locator("summary").click();
  await expect(details.locator("pre")).toContainText('"name": "audit kept"');
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "audit-log");

  // The object filter narrows the list and lives in the URL.
  await page.getByLabel("Object", { exact: true }).fill(revoked);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]object=${revoked}`));
  const filtered = page.getByRole("table", { name: "Audit events, filtered" });
  await expect(filtered.locator("tbody tr")).toHaveCount(2);
  await expect(filtered).not.toContainText("audit kept");
  await expect(page.getByText("Page 1 of 1 · 2 in all")).toBeVisible();
  await expectListSettled(page);
  await page.reload();
  await expect(page.getByLabel("Object", { exact: true })).toHaveValue(revoked);
  await expect(filtered.locator("tbody tr")).toHaveCount(2);
  await expectNoSeriousA11yViolations(page);

  // An object's id in a row filters to it; Clear filters shows everything again.
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/audit-log$/);
  await expectListSettled(page);
  await table.getByRole("link", { name: `Show only the events of API token ${kept}` }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]object=${kept}`));
  await expect(page.getByRole("table", { name: "Audit events, filtered" }).locator("tbody tr")).toHaveCount(1);
  await expectListSettled(page);

  // An id nobody touched: an empty state that offers the way back.
  await expectListSettled(page);
  await page.goto("/audit-log?object=no-such-object");
  await expect(page.getByText("No events match these filters.")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/audit-log$/);
});

test("cursor paging: page size and page are in the URL and survive a reload", async ({ page, loginPage }) => {
  await page.goto("/audit-log");
  await loginPage.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/audit-log$/);
  for (let index = 0; index < 12; index++) await createToken(page, `paging ${index}`);
  await expectListSettled(page);
  await page.reload();

  await page.getByLabel("Rows per page").selectOption("10");
  await expect(page).toHaveURL(/[?&]size=10/);
  const rows = page.getByRole("table", { name: "Audit events" }).locator("tbody tr");
  await expect(rows).toHaveCount(10);
  await expect(rows.nth(0)).toContainText("paging 11");
  const status = page.locator(".page-status");
  await expect(status).toContainText("Page 1 of");

  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/[?&]page=/);
  await expect(status).toContainText("Page 2 of");
  await expect(rows.nth(0)).toContainText("paging 1");
  await expect(rows.nth(0)).not.toContainText("paging 11");
  await expectListSettled(page);
  await page.reload();
  await expect(status).toContainText("Page 2 of");
  await expect(rows.nth(0)).toContainText("paging 1");

  await page.getByRole("button", { name: "Previous" }).click();
  await expect(status).toContainText("Page 1 of");
  await expect(rows.nth(0)).toContainText("paging 11");
});

test("a viewer has no audit log link, and the page says why instead of failing", async ({ page, loginPage }) => {
  await page.goto("/audit-log");
  await loginPage.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/audit-log$/);
  await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Audit log" })).toBeVisible();
  await ensureViewer(page);
  await expectListSettled(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/logout$/);

  await page.goto("/audit-log");
  await loginPage.signIn(E2E_VIEWER.email, E2E_VIEWER.password);
  await expect(page).toHaveURL(/\/audit-log$/);
  await expect(page.getByRole("note")).toHaveText("The audit log is visible to admins only.");
  await expect(page.getByRole("table")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
});

test("a reversed time range is a field error under Until, not a failed list", async ({ page }) => {
  await page.request.post("/api/auth/login", { data: E2E_ADMIN });
  await page.goto("/audit-log");
  await expectListSettled(page);
  await page.getByLabel("From").fill("2026-03-10T12:00");
  await page.getByLabel("Until").fill("2026-03-01T12:00");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByLabel("Until")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Until")).toHaveAccessibleDescription("Until must be later than From");
  await expect(page.getByLabel("Until")).toBeFocused();
  await expect(page).toHaveURL(/\/audit-log$/);
  // A link with the range reversed says the same, with no stale count under it.
  await page.goto(`/audit-log?from=${encodeURIComponent("2026-03-10T12:00:00.000Z")}&to=${encodeURIComponent("2026-03-01T12:00:00.000Z")}`);
  await expect(page.getByText("Until must be later than From")).toBeVisible();
  await expect(page.getByText("Could not load this list")).toHaveCount(0);
  await expect(page.getByText(/500 in all/)).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
});
