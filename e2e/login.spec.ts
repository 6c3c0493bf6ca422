import { E2E_ADMIN } from "./admin";
import { signIn } from "./console";
import { expect, expectNoSeriousA11yViolations, screenshots, test } from "./fixtures";

test("an anonymous visitor is sent to the sign-in page", async ({ page }) => {
  await page.goto("/integration-systems?q=crm");
  await expect(page).toHaveURL(/\/login\?next=%2Fintegration-systems%3Fq%3Dcrm$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await screenshots(page, "login");
});

test("a wrong password is refused with a clear message", async ({ loginPage, page }) => {
  await loginPage.goto();
  await loginPage.signIn(E2E_ADMIN.email, "not the password");
  await expect(loginPage.alert()).toHaveText("Wrong email or password");
  await expect(page).toHaveURL(/\/login$/);
  await screenshots(page, "login-error");
});

test("the admin signs in where they were going, reaches GraphiQL, and signs out", async ({ loginPage, page }) => {
  await page.goto("/audit-log");
  await loginPage.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page).toHaveURL(/\/audit-log$/);
  await expect(page.getByRole("banner")).toContainText(E2E_ADMIN.email);
  await expect(page.getByRole("banner")).toContainText("Admin");

  // GraphiQL is served to the signed-in user (e2e/graphiql.spec.ts runs it with outside hosts refused).
  const graphiql = await page.request.get("/api/graphql", { headers: { accept: "text/html" } });
  expect(graphiql.status()).toBe(200);
  expect(await graphiql.text()).toContain("Compass Director GraphQL");

  const viewer = await page.request.post("/api/graphql", { data: { query: "{ viewer { role authMethod } }" } });
  expect(await viewer.json()).toEqual({ data: { viewer: { role: "ADMIN", authMethod: "SESSION" } } });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/logout$/);
  await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
  await screenshots(page, "logout");
  const after = await page.request.post("/api/graphql", { data: { query: "{ viewer { role } }" } });
  expect(after.status()).toBe(401);
});

test("GraphiQL sends anonymous browsers to sign in", async ({ page }) => {
  await page.goto("/api/graphql");
  await expect(page).toHaveURL(/\/login\?next=\/api\/graphql$/);
});

test("a used or unknown setup link explains what to do", async ({ page }) => {
  await page.goto("/setup?token=cmp_setup_unknown");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("invalid, expired or already used");
  await screenshots(page, "setup-invalid");
});

test("the logout page asks before signing out, then says the session has ended", async ({ page }) => {
  await signIn(page);
  await page.goto("/logout");
  await expect(page.getByRole("heading", { name: "Sign out" })).toContainText("Sign out");
  await expect(page.getByRole("main")).toContainText(`You are signed in as ${E2E_ADMIN.email}`);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("main").getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: "Sign in again" }).click();
  await expect(page).toHaveURL(/\/login$/);
});

test("a next address that browsers read as another host is not followed after sign-in", async ({ loginPage, page }) => {
  for (const next of ["/\\example.org", "//example.org", "/\t/example.org"]) {
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await loginPage.signIn(E2E_ADMIN.email, E2E_ADMIN.password);
    // The console's home: the overview.
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/overview$/);
    // Its queries answered before the cookies go.
    await expect(page.locator(".stat-grid")).toHaveAttribute("aria-busy", "false");
    await expect(page.getByRole("region", { name: "Last events" }).locator(".skeleton")).toHaveCount(0);
    await page.context().clearCookies();
  }
});
