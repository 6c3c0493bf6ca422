import { E2E_ADMIN } from "./admin";
import { expect, expectListSettled, expectNoSeriousA11yViolations, screenshots, test } from "./fixtures";
import { E2E_VIEWER, clientSideState, ensureViewer } from "./console";

const WHO_AM_I = { query: "{ viewer { user { email } role } }" };

test("an admin creates an API token, sees it once, uses it and revokes it", async ({ page, context, loginPage, request, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/api-tokens");
  await loginPage.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/api-tokens$/);
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // The server's rules as the user types, before anything is sent.
  await page.getByRole("button", { name: "Create API token" }).first().click();
  const form = page.getByRole("dialog", { name: "Create API token" });
  const name = form.getByLabel("Name");
  await name.fill("   ");
  await expect(form.getByText("Name must not be empty")).toBeVisible();
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await name.fill("x".repeat(65));
  await expect(form.getByText("Name must be at most 64 characters, got 65")).toBeVisible();
  const days = form.getByLabel("Expires after (days)");
  await days.fill("366");
  await expect(form.getByText("Expiry must be a whole number of days from 1 to 365")).toBeVisible();
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(form).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await name.fill("e2e automation");
  await days.fill("30");
  await expect(form.locator(".field-error")).toHaveCount(0);
  const created = page.waitForResponse(
    (response) => response.url().endsWith("/api/graphql") && response.request().postData()?.includes("CreateApiToken") === true,
  );
  await form.getByRole("button", { name: "Create token" }).click();
  await created;

  // Shown once, with a copy button and a ready-to-run command.
  const reveal = page.getByRole("dialog", { name: "API token created" });
  await expect(reveal).toBeVisible();
  const token = (await reveal.getByLabel("Token", { exact: true }).textContent())!.trim();
  expect(token).toMatch(/^cmp_pat_[A-Za-z0-9_-]{40,}$/);
  await expect(reveal.getByLabel("curl command", { exact: true })).toContainText(`${baseURL}/api/graphql`);
  await expect(reveal.getByLabel("curl command", { exact: true })).toContainText(`Authorization: Bearer ${token}`);
  await expect(reveal.getByLabel("curl command", { exact: true })).toContainText("viewer { user { email } role }");

  await reveal.getByRole("button", { name: "Copy token" }).click();
  await expect(reveal.getByRole("button", { name: "Copy token" })).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await reveal.getByRole("button", { name: "Copy curl command" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(`Bearer ${token}`);

  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "api-token-created");

  // Escape does not dismiss it, and Close waits for the acknowledgement.
  await page.keyboard.press("Escape");
  await expect(reveal).toBeVisible();
  const close = reveal.getByRole("button", { name: "Close" });
  await expect(close).toBeDisabled();
  await reveal.getByLabel("I have copied the token and stored it somewhere safe").check();
  await expect(close).toBeEnabled();
  await close.click();
  await expect(reveal).toBeHidden();
  await expect(page.getByRole("status")).toContainText("Created e2e automation");

  // Gone from the page, from storage and from the Apollo cache.
  expect(await page.content()).not.toContain(token);
  const state = await clientSideState(page);
  expect(state).toContain("e2e automation");
  expect(state).not.toContain(token);

  const table = page.getByRole("table", { name: "Your API tokens" });
  const row = table.getByRole("row").filter({ hasText: "e2e automation" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Never");
  await expect(row).not.toContainText("Expired");

  // The token acts as its user, without any cookie ...
  const asToken = await request.post("/api/graphql", { headers: { authorization: `Bearer ${token}` }, data: WHO_AM_I });
  expect(asToken.status()).toBe(200);
  expect(await asToken.json()).toEqual({ data: { viewer: { user: { email: E2E_ADMIN.email }, role: "ADMIN" } } });
  // ... and its use shows in the list (recorded off the request path, so allow a moment).
  await expect(async () => {
    await expectListSettled(page);
    await page.reload();
    await expect(table.getByRole("row").filter({ hasText: "e2e automation" })).not.toContainText("Never");
  }).toPass({ timeout: 10_000 });
  await screenshots(page, "api-tokens");

  // Revoking asks first, then the token stops working at once.
  await row.getByRole("button", { name: "Revoke e2e automation" }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke e2e automation?" });
  await expect(confirm).toContainText("stop working at once");
  await expectNoSeriousA11yViolations(page);
  await confirm.getByRole("button", { name: "Revoke token" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("status")).toContainText("Revoked e2e automation");
  await expect(table.getByRole("row").filter({ hasText: "e2e automation" })).toHaveCount(0);
  const afterRevoke = await request.post("/api/graphql", { headers: { authorization: `Bearer ${token}` }, data: WHO_AM_I });
  expect(afterRevoke.status()).toBe(401);
});

test("the server's own error lands on the field it names", async ({ page, loginPage }) => {
  await page.goto("/api-tokens");
  await loginPage.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
  await page.getByRole("button", { name: "Create API token" }).first().click();
  const form = page.getByRole("dialog", { name: "Create API token" });
  // The client checks the same rules, so make the server's answer differ from what the client would say.
  await page.route("**/api/graphql", async (route) => {
    if (!route.request().postData()?.includes("CreateApiToken")) return route.continue();
    await route.fulfill({
      json: { errors: [{ message: "Name is reserved (server)", extensions: { code: "BAD_USER_INPUT", field: "name" } }], data: null },
    });
  });
  await form.getByLabel("Name").fill("reserved");
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(form.getByText("Name is reserved (server)")).toBeVisible();
  await expect(form.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByRole("button", { name: "Create token" })).toBeEnabled();
  // Typing again clears the server's complaint.
  await form.getByLabel("Name").fill("reserved 2");
  await expect(form.getByText("Name is reserved (server)")).toHaveCount(0);
});

test("a viewer creates only read-only tokens", async ({ page, loginPage }) => {
  await page.goto("/api-tokens");
  await loginPage.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/api-tokens$/);
  await ensureViewer(page);
  await expectListSettled(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/logout$/);
  await page.goto("/api-tokens");
  await loginPage.signIn(E2E_VIEWER.email, E2E_VIEWER.password);
  await expect(page).toHaveURL(/\/api-tokens$/);
  await expect(page.getByRole("table", { name: "Your API tokens" })).toContainText("a viewer's tokens are read-only");
  // No "All users" tab: that is for admins.
  await expect(page.getByRole("link", { name: "All users" })).toHaveCount(0);
  await page.getByRole("button", { name: "Create API token" }).first().click();
  const form = page.getByRole("dialog", { name: "Create API token" });
  await expect(form.getByRole("radio", { name: /^Read-only:/ })).toBeChecked();
  await expect(form.getByRole("radio", { name: /^All of your rights:/ })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await form.getByLabel("Name").fill("viewer export");
  await form.getByRole("button", { name: "Create token" }).click();
  const reveal = page.getByRole("dialog", { name: "API token created" });
  await expect(reveal).toBeVisible();
  await reveal.getByLabel("I have copied the token and stored it somewhere safe").check();
  await reveal.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("table", { name: "Your API tokens" }).getByRole("row").filter({ hasText: "viewer export" })).toContainText("Read-only");
});
