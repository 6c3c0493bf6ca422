import AxeBuilder from "@axe-core/playwright";
import { E2E_ADMIN } from "./admin";
import { signIn } from "./console";
import { expect, expectNoSeriousA11yViolations, screenshots, test } from "./fixtures";

test("GraphiQL works with every request to another host refused, and runs a query", async ({ page, context }) => {
  const outside: string[] = [];
  // An air-gapped network: anything not served by the product itself fails.
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.fallback();
    outside.push(url.href);
    return route.abort("internetdisconnected");
  });
  await signIn(page);
  await page.goto("/api/graphql");
  const editor = page.getByRole("region", { name: "Operation Editor" });
  await expect(editor).toBeVisible({ timeout: 15_000 });
  await expect(page).toHaveTitle("Compass Director GraphQL");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type("{ viewer { role user { email } } }");
  await page.getByRole("button", { name: /Execute query/ }).click();
  const response = page.getByRole("region", { name: "Result Window" });
  await expect(response).toContainText(`"email": "${E2E_ADMIN.email}"`, { timeout: 15_000 });
  await expect(response).toContainText('"role": "ADMIN"');
  await screenshots(page, "graphiql-offline");
  expect(outside).toEqual([]);
});

test("GraphiQL is for signed-in users: anyone else is sent to sign in", async ({ page }) => {
  await page.goto("/api/graphql");
  await expect(page).toHaveURL(/\/login\?next=%2Fapi%2Fgraphql$|\/login\?next=\/api\/graphql$/);
  await expectNoSeriousA11yViolations(page);
});

test("GraphiQL in light and dark: axe finds only GraphiQL's own tab markup", async ({ page }) => {
  await signIn(page);
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/api/graphql");
    await expect(page.getByRole("region", { name: "Operation Editor" })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole("main")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "Compass Director GraphQL" })).toBeAttached();
    // A result on screen too: its syntax colours are checked with the editor's.
    const editor = page.getByRole("region", { name: "Operation Editor" });
    await editor.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    await page.keyboard.type("# who am I\n{ viewer { role } }");
    await page.getByRole("button", { name: /Execute query/ }).click();
    await expect(page.getByRole("region", { name: "Result Window" })).toContainText('"role": "ADMIN"', { timeout: 15_000 });
    const { violations } = await new AxeBuilder({ page }).analyze();
    // What remains (docs/decisions/0028): each tab is an <li role="tab"> holding its own close button, which CSS cannot change.
    expect(
      violations.map((violation) => violation.id),
      `axe on GraphiQL, ${scheme}`,
    ).toEqual(["nested-interactive"]);
    for (const node of violations[0].nodes) expect(node.html, "only GraphiQL's tabs").toMatch(/^<li [^>]*class="graphiql-tab/);
    if (scheme === "dark") await screenshots(page, "graphiql-dark");
  }
});
