import { graphql, signIn, uniqueName } from "./console";
import type { Page, Route } from "@playwright/test";
import { expect, expectFailures, expectNoSeriousA11yViolations, screenshots, test } from "./fixtures";
import { pickManagedBy } from "./pages/tenant-objects-page";
import { seedIntegrationSystems } from "./seed";

/** Issue 27: pickers at scale, blips that stay in the app, nothing typed or revealed lost. */

const CREATE_SYSTEM = `mutation($name: String!) { createIntegrationSystem(in: { name: $name }) { id } }`;
// The internal id: the console's pages take it (a tenant's `id` is its external one, as in Compass).
const CREATE_TENANT = `mutation($in: TenantInput!) { createTenant(in: $in) { id: internalID } }`;

test("Managed by reaches any of 10,000 integration systems by typing", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page);
  const prefix = uniqueName("Fleet");
  const names = await seedIntegrationSystems(page, prefix, 10_000);
  const { createTenant: tenant } = await graphql(page.request, CREATE_TENANT, { in: { externalId: `fleet-${Date.now().toString(36)}`, name: "Fleet owner" } });
  await page.goto(`/tenants/${tenant.id}`);

  await page.getByRole("button", { name: "Register application" }).click();
  const register = page.getByRole("dialog", { name: "Register application" });
  await register.getByLabel("Name").fill("Fleet tracker");
  // Opened, the picker shows the first matches and says how many more there are.
  await register.getByRole("combobox", { name: "Managed by" }).click();
  const search = page.getByRole("combobox", { name: "Search integration systems" });
  await search.fill(prefix);
  await expect(page.getByRole("option", { name: names[0], exact: true })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "more: type to narrow" })).toHaveText("9,980 more: type to narrow the list.");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "managed-by-picker");
  // The very last one, by keyboard: type its number, arrow to it, Enter.
  await search.fill(`${prefix} 10000`);
  // The picker's list only: the form's Status select has options of its own.
  await expect(page.getByRole("listbox").getByRole("option")).toHaveCount(1);
  await search.press("ArrowDown");
  await search.press("Enter");
  await expect(register.getByRole("combobox", { name: "Managed by" })).toHaveText(new RegExp(names[9999]));
  // ... and any other by mouse.
  await pickManagedBy(register, names[7341], "07342");
  await register.getByRole("button", { name: "Register application" }).click();
  await expect(register).toBeHidden();
  // The console goes to the new application, which names its system.
  await expect(page.getByRole("heading", { level: 1, name: "Fleet tracker" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(names[7341]);
});

/** The server goes away for a moment: every request the page makes gets no answer, until `back()`. */
async function serverUnreachable(page: Page) {
  expectFailures(page, { url: /./, status: "network" });
  const refuse = (route: Route) => route.abort("connectionrefused");
  await page.route("**/*", refuse);
  return () => page.unroute("**/*", refuse);
}

test("a blip during paging, search, a navigation link or a detail link stays in the app and recovers by itself", async ({ page, systemsPage }) => {
  await signIn(page);
  const prefix = uniqueName("Blip");
  for (let index = 1; index <= 12; index++) await graphql(page.request, CREATE_SYSTEM, { name: `${prefix} ${index}` });
  await systemsPage.goto(`?size=10&q=${encodeURIComponent(prefix)}`);
  await systemsPage.settled();
  const notice = page.getByText("Cannot reach the server. Retrying…");

  // Paging: the page stays, says it is retrying, and moves on when the server is back.
  let back = await serverUnreachable(page);
  await page.getByRole("navigation", { name: "Pagination" }).getByRole("button", { name: "Next" }).click();
  await expect(notice).toBeVisible();
  await expect(systemsPage.rows().first()).toContainText(prefix);
  await expect(page.getByRole("heading", { level: 1, name: "Integration systems" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "blip-retrying");
  await back();
  await expect(notice).toHaveCount(0);
  await expect(systemsPage.pageStatus()).toContainText("Page 2");
  await expect(systemsPage.rows()).toHaveCount(2);

  // Search.
  back = await serverUnreachable(page);
  await systemsPage.search(`${prefix} 12`);
  await expect(notice).toBeVisible();
  await back();
  await expect(notice).toHaveCount(0);
  await expect(systemsPage.rows()).toHaveCount(1);

  // A detail link, then a navigation link.
  back = await serverUnreachable(page);
  await systemsPage
    .rows()
    .first()
    .getByRole("link", { name: `${prefix} 12`, exact: true })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.waitForTimeout(1500);
  expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1/);
  await back();
  await expect(page.getByRole("heading", { level: 1, name: `${prefix} 12` })).toBeVisible();
  await expect(page.getByRole("table", { name: "Client credentials" })).toBeVisible();

  back = await serverUnreachable(page);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Tenants" }).click();
  await page.waitForTimeout(1500);
  expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await back();
  await expect(page.getByRole("heading", { level: 1, name: "Tenants" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Tenants" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Tenants" }).getByRole("alert")).toHaveCount(0, { timeout: 6_000 });
});

test("typed input and an open secret are not lost without asking: a link, Back, reload", async ({ page }) => {
  await signIn(page);
  await page.goto("/integration-systems");
  await page.goto("/integration-systems/new");
  await page.getByLabel("Name").fill("Half typed");
  const questions: string[] = [];
  const answer = (accept: boolean) =>
    page.once("dialog", (dialog) => {
      questions.push(dialog.type() === "beforeunload" ? "beforeunload" : dialog.message());
      void (accept ? dialog.accept() : dialog.dismiss());
    });

  // A navigation link: asked, and staying keeps the form.
  answer(false);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Tenants" }).click();
  await expect.poll(() => questions.length).toBe(1);
  expect(questions[0]).toBe("Leave this page? What is in “Create integration system” has not been saved and will be lost.");
  await expect(page).toHaveURL(/\/integration-systems\/new$/);
  await expect(page.getByLabel("Name")).toHaveValue("Half typed");

  // Back.
  answer(false);
  await page.evaluate(() => history.back());
  await expect.poll(() => questions.length).toBe(2);
  await expect(page).toHaveURL(/\/integration-systems\/new$/);
  await expect(page.getByLabel("Name")).toHaveValue("Half typed");

  // Reload (and closing the tab): the browser's own question.
  answer(false);
  await page.reload({ timeout: 3_000 }).catch(() => {});
  await expect.poll(() => questions.length).toBe(3);
  expect(questions[2]).toBe("beforeunload");
  await expect(page.getByLabel("Name")).toHaveValue("Half typed");

  // Leaving when the user says so.
  answer(true);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Tenants" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tenants" })).toBeVisible();

  // An open secret dialog asks too, though nothing was typed in it.
  const { createIntegrationSystem: system } = await graphql(page.request, CREATE_SYSTEM, { name: uniqueName("Guarded") });
  await page.goto(`/integration-systems/${system.id}`);
  await page.getByRole("button", { name: "Generate credentials" }).click();
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  const reveal = page.getByRole("dialog", { name: "Client credentials generated" });
  await expect(reveal).toBeVisible();
  answer(false);
  await page.evaluate(() => history.back());
  await expect.poll(() => questions.length).toBe(5);
  // Back leaves this document (the page was loaded, not reached in the app): the browser's question.
  expect(questions[4]).toBe("beforeunload");
  await expect(reveal).toBeVisible();
  await reveal.getByLabel("I have copied the client secret and stored it somewhere safe").check();
  await reveal.getByRole("button", { name: "Close" }).click();
});

test("before the idle timeout a warning offers to stay signed in; after it, signing in happens over the page", async ({ page }) => {
  await page.clock.install();
  await signIn(page);
  await page.goto("/integration-systems/new");
  await page.getByLabel("Name").fill("Typed before a break");
  // The e2e server's timeout is the default, 120 minutes.
  await page.clock.fastForward("01:58:10");
  const warning = page.getByRole("dialog", { name: "Still there?" });
  await expect(warning).toContainText(/You will be signed out in \d+ s/);
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "session-idle-warning");
  await warning.getByRole("button", { name: "Stay signed in" }).click();
  await expect(warning).toBeHidden();
  // Nobody answers the next warning: the session is over, and the sign-in comes over the page.
  await page.clock.fastForward("02:01:00");
  const signInDialog = page.getByRole("dialog", { name: "Sign in to continue" });
  await expect(signInDialog).toContainText("Your session ended after a time without use.");
  await expect(page.locator("#name")).toHaveValue("Typed before a break");
});

test("a secret whose dialog was left unconfirmed is marked on its credential, with revoke one click away", async ({ page }) => {
  await signIn(page);
  const { createIntegrationSystem: system } = await graphql(page.request, CREATE_SYSTEM, { name: uniqueName("Left Reveal") });
  await page.goto(`/integration-systems/${system.id}`);
  const generateOne = async () => {
    await page.getByRole("button", { name: "Generate credentials" }).click();
    await page.getByRole("button", { name: "Generate", exact: true }).click();
    const reveal = page.getByRole("dialog", { name: "Client credentials generated" });
    await expect(reveal).toBeVisible();
    return { reveal, clientId: (await reveal.getByLabel("Client ID", { exact: true }).textContent())!.trim() };
  };
  // Confirmed the ordinary way: no mark.
  const confirmed = await generateOne();
  await confirmed.reveal.getByLabel("I have copied the client secret and stored it somewhere safe").check();
  await confirmed.reveal.getByRole("button", { name: "Close" }).click();
  // Left by reloading, after the browser asked.
  const left = await generateOne();
  page.once("dialog", (dialog) => void dialog.accept());
  await page.reload();
  const table = page.getByRole("table", { name: "Client credentials" });
  const leftRow = table.getByRole("row").filter({ hasText: left.clientId });
  await expect(leftRow).toContainText("Secret not confirmed as stored");
  await expect(table.getByRole("row").filter({ hasText: confirmed.clientId })).not.toContainText("not confirmed");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "credential-secret-unconfirmed");
  await leftRow.getByRole("button", { name: `Revoke unconfirmed credential ${left.clientId}` }).click();
  await page.getByRole("dialog", { name: "Revoke this credential?" }).getByRole("button", { name: "Revoke credential" }).click();
  await expect(leftRow).toHaveCount(0);
  // Focus stays in the table the revoked row was in, not on the page body.
  await expect(table).toBeFocused();
  await expect(table.getByRole("row").filter({ hasText: confirmed.clientId })).toBeVisible();
});

test("while the next page loads, the old rows are dimmed and the view is at the top", async ({ page, systemsPage }) => {
  await signIn(page);
  const prefix = uniqueName("Slow");
  for (let index = 1; index <= 12; index++) await graphql(page.request, CREATE_SYSTEM, { name: `${prefix} ${index}` });
  await page.setViewportSize({ width: 1280, height: 500 });
  await systemsPage.goto(`?size=10&q=${encodeURIComponent(prefix)}`);
  await systemsPage.settled();
  // A slow network: the list's answer takes a while.
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/api\/graphql$/, async (route) => {
    if (route.request().postDataJSON()?.operationName === "IntegrationSystemList") await held;
    await route.fallback();
  });
  await page.getByRole("navigation", { name: "Pagination" }).getByRole("button", { name: "Next" }).click();
  await expect(page.locator(".table-wrap")).toHaveAttribute("aria-busy", "true");
  await expect(systemsPage.table().locator("tbody")).toHaveCSS("opacity", "0.5");
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  release();
  await systemsPage.settled();
  await expect(systemsPage.rows()).toHaveCount(2);
  await expect(systemsPage.table().locator("tbody")).toHaveCSS("opacity", "1");
  await page.unroute(/\/api\/graphql$/);
});
