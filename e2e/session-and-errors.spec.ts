import { E2E_ADMIN } from "./admin";
import { signIn, uniqueName } from "./console";
import { expect, expectFailures, expectNoSeriousA11yViolations, screenshots, test } from "./fixtures";

const GRAPHQL = /\/api\/graphql$/;

test("an ended session (HTTP 401): sign in again in a dialog over the page, what was typed stays, and the save goes through", async ({
  page,
  context,
  systemFormPage,
}) => {
  await signIn(page);
  await systemFormPage.gotoNew();
  const name = uniqueName("Unsaved");
  await systemFormPage.fill({ name, description: "Typed before the session ended" });
  // The session ends (12 h, or revoked) while the form is open.
  await context.clearCookies();
  expectFailures(page, { url: GRAPHQL, status: 401 });
  await systemFormPage.create();
  const dialog = page.getByRole("dialog", { name: "Sign in to continue" });
  await expect(dialog).toContainText("what you typed stay as they are");
  await expect(dialog.getByLabel("Email")).toHaveValue(E2E_ADMIN.email);
  // Still on the form, with what was typed.
  await expect(page).toHaveURL(/\/integration-systems\/new$/);
  // (behind the modal dialog, so out of the accessibility tree: found by id)
  await expect(page.locator("#description")).toHaveValue("Typed before the session ended");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "session-sign-in-dialog");
  // A wrong password is refused in the dialog; the right one retries the save.
  await dialog.getByLabel("Password").fill("not the password");
  await dialog.getByRole("button", { name: "Sign in" }).click();
  await expect(dialog.getByRole("alert")).toBeVisible();
  await dialog.getByLabel("Password").fill(E2E_ADMIN.password);
  await dialog.getByRole("button", { name: "Sign in" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
});

test("UNAUTHENTICATED in a GraphQL answer's extensions.code also asks to sign in over the page, then the dialog's save goes through", async ({
  page,
  tenantsPage,
}) => {
  await signIn(page);
  // Newest first: the list is oldest first by default, and earlier specs leave more tenants than a page holds.
  await tenantsPage.goto("?size=10&sort=CREATED_AT:desc");
  await page.route(GRAPHQL, (route) =>
    route.request().postDataJSON()?.operationName === "CreateTenant"
      ? route.fulfill({ json: { errors: [{ message: "Authentication required", extensions: { code: "UNAUTHENTICATED" } }] } })
      : route.fallback(),
  );
  await tenantsPage.openCreate();
  const externalId = `lost-${Date.now().toString(36)}`;
  await tenantsPage.fillCreate({ externalId, name: "Kept Tenant" });
  await tenantsPage.createDialog().getByRole("button", { name: "Create tenant" }).click();
  const signInDialog = page.getByRole("dialog", { name: "Sign in to continue" });
  await expect(signInDialog).toBeVisible();
  await page.unroute(GRAPHQL);
  await signInDialog.getByLabel("Password").fill(E2E_ADMIN.password);
  await signInDialog.getByRole("button", { name: "Sign in" }).click();
  await expect(tenantsPage.createDialog()).toBeHidden();
  await expect(page.getByRole("row").filter({ hasText: externalId })).toBeVisible();
});

test("a 503 shows the server's words and retries by itself after Retry-After, with a countdown", async ({ page, systemsPage }) => {
  await signIn(page);
  expectFailures(page, { url: GRAPHQL, status: 503 });
  for (const contentType of ["application/json", "application/graphql-response+json"]) {
    let failures = 1;
    await page.route(GRAPHQL, async (route) => {
      if (failures > 0 && route.request().postDataJSON()?.operationName === "IntegrationSystemList") {
        failures--;
        await route.fulfill({
          status: 503,
          headers: { "content-type": contentType, "retry-after": "3" },
          body: JSON.stringify({ errors: [{ message: "The database is unavailable: retry shortly", extensions: { code: "SERVICE_UNAVAILABLE" } }] }),
        });
      } else await route.fallback();
    });
    await systemsPage.goto();
    const alert = systemsPage.table().getByRole("alert");
    await expect(alert).toContainText("Could not load this list: The database is unavailable: retry shortly");
    await expect(alert).not.toContainText("status code");
    await expect(alert).toContainText(/Trying again in [123] s/);
    if (contentType === "application/json") {
      await expectNoSeriousA11yViolations(page);
      await screenshots(page, "integration-systems-retry-after");
    }
    // Nobody clicks Retry: the countdown does.
    await expect(alert).toHaveCount(0, { timeout: 6_000 });
    await systemsPage.settled();
    await expect(systemsPage.pageStatus()).toContainText("in all");
    await page.unroute(GRAPHQL);
  }
});

test("only a request that gets no answer says the server could not be reached, in lists and in dialogs", async ({ page, systemsPage, tenantsPage }) => {
  await signIn(page);
  expectFailures(page, { url: GRAPHQL, status: "network" });
  await page.route(GRAPHQL, (route) =>
    route.request().postDataJSON()?.operationName === "IntegrationSystemList" ? route.abort("internetdisconnected") : route.fallback(),
  );
  await systemsPage.goto();
  const alert = systemsPage.table().getByRole("alert");
  await expect(alert).toContainText("Could not load this list: Could not reach the server. Check the network connection, then try again.");
  await expect(alert).not.toContainText("Failed to fetch");
  // A read that got no answer is tried again by itself: the blip clears without a click.
  await expect(alert).toContainText(/Trying again in [123] s/);
  await page.unroute(GRAPHQL);
  await expect(alert).toHaveCount(0, { timeout: 6_000 });
  await systemsPage.settled();

  // A dialog's failure takes the same path: the server's words when it answers...
  await tenantsPage.goto();
  await page.route(GRAPHQL, (route) =>
    route.request().postDataJSON()?.operationName === "CreateTenant"
      ? route.fulfill({
          status: 503,
          headers: { "retry-after": "30" },
          json: { errors: [{ message: "The database is unavailable: retry shortly", extensions: { code: "SERVICE_UNAVAILABLE" } }] },
        })
      : route.fallback(),
  );
  expectFailures(page, { url: GRAPHQL, status: 503 });
  await tenantsPage.openCreate();
  await tenantsPage.fillCreate({ externalId: `down-${Date.now().toString(36)}`, name: "Down Tenant" });
  const dialog = tenantsPage.createDialog();
  await dialog.getByRole("button", { name: "Create tenant" }).click();
  await expect(dialog.getByRole("alert")).toContainText("The database is unavailable: retry shortly");
  await page.unroute(GRAPHQL);
  // ... and the network's when it does not.
  await page.route(GRAPHQL, (route) => route.abort("internetdisconnected"));
  await dialog.getByRole("button", { name: "Create tenant" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Could not reach the server");
  await expectNoSeriousA11yViolations(page);
  await page.unroute(GRAPHQL);
  await dialog.getByRole("button", { name: "Cancel" }).click();
});
