import { execFileSync } from "node:child_process";
import { graphql, signIn, uniqueName } from "./console";
import { expect, expectFailures, expectNoSeriousA11yViolations, screenshots, test } from "./fixtures";

const CREATE_SYSTEM = `mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { id } }`;
const GENERATE = `mutation($id: ID!) { generateClientCredentialsForIntegrationSystem(id: $id) { id } }`;

// A fixed zone and locale, so the zone each timestamp names is known.
test.use({ timezoneId: "Europe/Berlin", locale: "en-GB" });

test("without a clipboard API (plain http), Copy selects the secret and says which keys copy it", async ({ page }) => {
  // What a browser offers over http on a host other than localhost: no navigator.clipboard at all.
  await page.addInitScript(() => {
    delete (Navigator.prototype as { clipboard?: unknown }).clipboard;
  });
  await signIn(page);
  const { createIntegrationSystem: system } = await graphql(page.request, CREATE_SYSTEM, { in: { name: uniqueName("Plain Http") } });
  await page.goto(`/integration-systems/${system.id}`);
  expect(await page.evaluate(() => typeof navigator.clipboard)).toBe("undefined");
  await page.getByRole("button", { name: "Generate credentials" }).click();
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  const reveal = page.getByRole("dialog", { name: "Client credentials generated" });
  const secret = (await reveal.getByLabel("Client secret", { exact: true }).textContent())!;
  await reveal.getByRole("button", { name: "Copy client secret" }).click();
  const field = reveal.getByLabel("client secret, selected");
  await expect(field).toBeFocused();
  await expect(field).toHaveValue(secret);
  // The whole value is selected, ready for the keys.
  expect(await field.evaluate((input: HTMLInputElement) => [input.selectionStart, input.selectionEnd])).toEqual([0, secret.length]);
  await expect(reveal.getByText("Press Ctrl+C to copy", { exact: true })).toBeVisible();
  await expect(reveal.locator("[aria-live]").filter({ hasText: "press Ctrl+C to copy" })).toHaveText("Selected: press Ctrl+C to copy");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "copy-without-clipboard");
  await reveal.getByLabel("I have copied the client secret and stored it somewhere safe").check();
  await reveal.getByRole("button", { name: "Close" }).click();
});

test("with a clipboard, Copy copies and announces Copied to screen readers", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page);
  const { createIntegrationSystem: system } = await graphql(page.request, CREATE_SYSTEM, { in: { name: uniqueName("Https") } });
  await graphql(page.request, GENERATE, { id: system.id });
  await page.goto(`/integration-systems/${system.id}`);
  const row = page.getByRole("table", { name: "Client credentials" }).locator("tbody tr");
  await row.getByRole("button", { name: /^Copy client ID/ }).click();
  await expect(row.locator("[aria-live]")).toHaveText("Copied");
  const clientId = await page.evaluate(() => navigator.clipboard.readText());
  await expect(row.getByRole("button", { name: `Copy client ID ${clientId}` })).toBeVisible();
});

test("on a phone, three credentials of one system can be told apart", async ({ page }) => {
  await signIn(page);
  const { createIntegrationSystem: system } = await graphql(page.request, CREATE_SYSTEM, { in: { name: uniqueName("Three Keys") } });
  const ids: string[] = [];
  for (let index = 0; index < 3; index++) ids.push((await graphql(page.request, GENERATE, { id: system.id })).generateClientCredentialsForIntegrationSystem.id);
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(`/integration-systems/${system.id}`);
  const rows = page.getByRole("table", { name: "Client credentials" }).locator("tbody tr");
  await expect(rows).toHaveCount(3);
  // What a person sees in each row is the end of the id, different for each; the cut-off whole id takes no room.
  for (const [index, row] of (await rows.all()).entries()) {
    await expect(row.locator(".client-id-end")).toBeVisible();
    expect((await row.locator(".client-id-full").boundingBox())?.width, `row ${index}`).toBeLessThanOrEqual(1);
  }
  const seen = await rows.locator(".client-id-end").allInnerTexts();
  expect(seen.sort()).toEqual(ids.map((id) => `…${id.slice(-8)}`).sort());
  expect(new Set(seen).size).toBe(3);
  // Screen readers still hear the whole id.
  for (const id of ids) await expect(page.getByRole("row").filter({ hasText: id })).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({
    path: `${process.env.UPDATE_SCREENSHOTS === "1" ? "docs/screenshots" : "test-results/screenshots"}/credentials-phone-mobile.png`,
    fullPage: true,
  });
});

test("focus returns to the control that opened a dialog", async ({ page, tenantsPage }) => {
  await signIn(page);
  const name = uniqueName("Focus Tenant");
  await graphql(page.request, `mutation($in: TenantInput!) { createTenant(in: $in) { id } }`, { in: { externalId: `focus-${Date.now().toString(36)}`, name } });
  const { createIntegrationSystem: system } = await graphql(page.request, CREATE_SYSTEM, { in: { name: uniqueName("Focus System") } });
  const { generateClientCredentialsForIntegrationSystem: credential } = await graphql(page.request, GENERATE, { id: system.id });

  // A row action opens its dialog from code (no Dialog.Trigger): Escape and Cancel both hand focus back.
  await tenantsPage.goto("?size=100");
  const edit = page.getByRole("button", { name: `Edit ${name}` });
  await edit.click();
  await expect(page.getByRole("dialog", { name: "Edit tenant" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(edit).toBeFocused();
  const remove = page.getByRole("button", { name: `Delete ${name}` });
  await remove.click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(remove).toBeFocused();

  await page.goto(`/integration-systems/${system.id}`);
  const revoke = page.getByRole("button", { name: `Revoke credential ${credential.id}` });
  await revoke.click();
  await page.getByRole("dialog", { name: "Revoke this credential?" }).getByRole("button", { name: "Cancel" }).click();
  await expect(revoke).toBeFocused();
  // Generate, then the reveal that replaces it: focus ends on Generate credentials.
  const generate = page.getByRole("button", { name: "Generate credentials" });
  await generate.click();
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  await page.getByLabel("I have copied the client secret and stored it somewhere safe").check();
  await page.getByRole("button", { name: "Close" }).click();
  await expect(generate).toBeFocused();
});

test("every timestamp names its time zone and shows the exact ISO instant on hover", async ({ page }) => {
  await signIn(page);
  const name = uniqueName("Timestamps");
  const { createIntegrationSystem: system } = await graphql(page.request, CREATE_SYSTEM, { in: { name } });
  await graphql(page.request, GENERATE, { id: system.id });
  await page.goto(`/integration-systems/${system.id}`);
  const times = page.locator("main time");
  await expect(times.first()).toBeVisible();
  const all = await times.evaluateAll((elements) =>
    elements.map((time) => ({ text: (time as HTMLElement).innerText, title: time.getAttribute("title") ?? "", dateTime: time.getAttribute("datetime") ?? "" })),
  );
  expect(all.length).toBeGreaterThanOrEqual(3);
  for (const time of all) {
    expect(time.dateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(time.title).toContain(time.dateTime);
  }
  // Absolute times name the zone the browser is in (Berlin: CET, or CEST in summer).
  const absolute = all.filter((time) => time.title === time.dateTime);
  expect(absolute.length).toBeGreaterThanOrEqual(2);
  for (const time of absolute) expect(time.text).toMatch(/\b(CES?T|GMT\+[12])\b/);
});

test("navigation: breadcrumbs and titles name the object, a 404 inside the console, links to GraphiQL and the API docs", async ({ page }) => {
  await signIn(page);
  const name = uniqueName("Crumbs");
  const { createIntegrationSystem: system } = await graphql(page.request, CREATE_SYSTEM, { in: { name } });
  await page.goto(`/integration-systems/${system.id}/edit`);
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs.getByRole("link", { name: "Integration systems" })).toHaveAttribute("href", "/integration-systems");
  await expect(crumbs.getByRole("link", { name })).toHaveAttribute("href", `/integration-systems/${system.id}`);
  await expect(crumbs.locator('[aria-current="page"]')).toHaveText("Edit");
  await expect(page).toHaveTitle(`Edit · ${name} · Integration systems · Compass Director`);
  await crumbs.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page).toHaveTitle(`${name} · Integration systems · Compass Director`);
  await expectNoSeriousA11yViolations(page);

  expectFailures(page, { url: /\/no-such-page$/, status: 404 });
  const missing = await page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Console" })).toBeVisible();
  await expect(page).toHaveTitle("Page not found · Compass Director");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "not-found");

  await expect(page.getByRole("banner").getByRole("link", { name: "GraphiQL" })).toHaveAttribute("href", "/api/graphql");
  await page.getByRole("banner").getByRole("link", { name: "API docs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API docs" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(`POST ${new URL(page.url()).origin}/oauth2/token`);
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "api-docs");
});

test("API docs: the copied query command runs as pasted, against this server", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page);
  const { createApiToken } = await graphql(page.request, "mutation($name: String!) { createApiToken(name: $name) { token } }", { name: uniqueName("docs") });
  await page.goto("/api-docs");
  await page.getByRole("button", { name: "Copy the query command" }).click();
  const command = await page.evaluate(() => navigator.clipboard.readText());
  expect(command).toContain(`curl -s ${new URL(page.url()).origin}/api/graphql`);
  // What the reader does: paste it into a shell with their token set.
  const output = execFileSync("bash", ["-c", command], { env: { ...process.env, TOKEN: createApiToken.token }, encoding: "utf8" });
  expect(JSON.parse(output)).toEqual({ data: { viewer: expect.objectContaining({ kind: "USER" }) } });
  await page.getByRole("button", { name: "Copy the token command" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/client_credentials http:\/\/127\.0\.0\.1:\d+\/oauth2\/token$/);
});

test("dark mode follows the system, and the toggle's choice wins and is kept", async ({ page }) => {
  await signIn(page);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/integration-systems");
  await expect.poll(background).toBe("rgb(15, 17, 21)");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "integration-systems-dark");
  const theme = page.getByRole("combobox", { name: "Theme" });
  await theme.selectOption("light");
  await expect.poll(background).toBe("rgb(246, 247, 249)");
  await page.reload();
  await expect.poll(background).toBe("rgb(246, 247, 249)");
  await expect(theme).toHaveValue("light");
  await theme.selectOption("system");
  await expect.poll(background).toBe("rgb(15, 17, 21)");
  await page.emulateMedia({ colorScheme: "light" });
  await theme.selectOption("dark");
  await page.reload();
  await expect.poll(background).toBe("rgb(15, 17, 21)");
  await theme.selectOption("system");
});

test("paging, search and sort go into browser history: Back and Forward walk through them", async ({ page, systemsPage }) => {
  const prefix = uniqueName("History").replaceAll(" ", "-");
  await signIn(page);
  for (let index = 0; index < 12; index++) await graphql(page.request, CREATE_SYSTEM, { in: { name: `${prefix}-${String(index).padStart(2, "0")}` } });
  await systemsPage.goto("?size=10");
  await systemsPage.settled();
  await systemsPage.search(prefix);
  await expect(page).toHaveURL(new RegExp(`q=${prefix}`));
  await expect(systemsPage.rows()).toHaveCount(10);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(systemsPage.rows()).toHaveCount(2);
  await systemsPage.sortByName();
  await expect(page).toHaveURL(/sort=NAME/);
  await expect(systemsPage.rows()).toHaveCount(10);

  await page.goBack();
  await expect(page).not.toHaveURL(/sort=/);
  await expect(systemsPage.pageStatus()).toContainText("Page 2 of 2");
  await page.goBack();
  await expect(systemsPage.pageStatus()).toContainText("Page 1 of 2");
  await expect(page).toHaveURL(new RegExp(`q=${prefix}`));
  await page.goBack();
  await expect(page).not.toHaveURL(/q=/);
  await expect(page.getByLabel("Search by name")).toHaveValue("");
  await page.goForward();
  await expect(page.getByLabel("Search by name")).toHaveValue(prefix);
  await page.goForward();
  await expect(systemsPage.pageStatus()).toContainText("Page 2 of 2");
  await systemsPage.settled();
});
