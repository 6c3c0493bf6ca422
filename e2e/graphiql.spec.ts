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
