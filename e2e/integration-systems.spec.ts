import fs from "node:fs/promises";
import { E2E_ADMIN } from "./admin";
import { clientSideState, graphql, signIn, uniqueName } from "./console";
import { expect, expectFailures, expectNoSeriousA11yViolations, screenshots, test } from "./fixtures";

const JS_BUDGET_BYTES = 300 * 1024;

test("the list page's first load stays within its JavaScript budget", async ({ newPage }) => {
  // A fresh context, so nothing is cached from earlier pages.
  const page = await newPage();
  await signIn(page);
  const scripts: Promise<number>[] = [];
  page.on("requestfinished", (request) => {
    if (request.resourceType() === "script") scripts.push(request.sizes().then((sizes) => sizes.responseBodySize + sizes.responseHeadersSize));
  });
  await page.goto("/integration-systems");
  await expect(page.getByRole("heading", { name: "Integration systems" })).toBeVisible();
  await page.waitForLoadState("load");
  await expect(page.locator(".table-wrap")).toHaveAttribute("aria-busy", "false");
  const sizes = await Promise.all(scripts);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  console.log(`list page first load: ${sizes.length} scripts, ${(total / 1024).toFixed(1)} kB of JavaScript transferred (budget ${JS_BUDGET_BYTES / 1024} kB)`);
  expect(total).toBeGreaterThan(0);
  expect(total).toBeLessThanOrEqual(JS_BUDGET_BYTES);
});

test("an admin creates, edits, hands out credentials, revokes them and deletes the system", async ({ page, context, baseURL }) => {
  // A whole journey with axe at each step: it outgrows the default 30 s on a busy machine.
  test.setTimeout(60_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const name = uniqueName("Billing Connector");
  await signIn(page);
  await page.goto("/integration-systems");
  await expectNoSeriousA11yViolations(page);

  // Create, with the rules checked as the user types.
  await page.getByRole("link", { name: "Create integration system" }).first().click();
  await expect(page.getByRole("heading", { name: "Create integration system" })).toBeVisible();
  await page.getByLabel("Name").fill("-starts with a dash");
  await expect(page.getByText("must start with a letter or digit")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "integration-system-create-invalid");
  await page.getByLabel("Name").fill(name);
  await expect(page.getByText("must start with a letter or digit")).toHaveCount(0);
  await page.getByLabel("Description").fill("Registers the billing vendor's applications in every tenant.");
  await page.getByRole("button", { name: "Create integration system" }).click();
  await expect(page.getByRole("status")).toContainText(`Created ${name}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const systemId = page.url().split("/").at(-1)!;

  // Edit.
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page.getByLabel("Name")).toHaveValue(name);
  await page.getByLabel("Description").fill("Registers billing applications; owned by the payments team.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toContainText(`Saved ${name}`);
  await expect(page.getByText("owned by the payments team")).toBeVisible();
  await expect(page.getByText("No credentials yet.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Generate credentials: the secret is shown once, with an explicit acknowledgement to close.
  await page.getByRole("button", { name: "Generate credentials" }).click();
  await page.getByLabel("Expires").selectOption({ label: "In 30 days" });
  await screenshots(page, "integration-system-generate");
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  const reveal = page.getByRole("dialog", { name: "Client credentials generated" });
  await expect(reveal).toBeVisible();
  await expect(reveal).toContainText("will not be shown again");
  const clientId = (await reveal.getByLabel("Client ID", { exact: true }).textContent())!;
  const tokenUrl = (await reveal.getByLabel("Token URL", { exact: true }).textContent())!;
  expect(tokenUrl).toBe(`${baseURL}/oauth2/token`);
  await reveal.getByRole("button", { name: "Copy client secret" }).click();
  const secret = await page.evaluate(() => navigator.clipboard.readText());
  expect(secret).toMatch(/^cmp_cs_/);
  await expect(reveal.getByLabel("Client secret", { exact: true })).toHaveText(secret);
  await expect(reveal.getByLabel("curl command", { exact: true })).toContainText(`-u '${clientId}:${secret}'`);
  // The downloads hold the same credentials, ready for a deployment's environment or config.
  const envDownload = page.waitForEvent("download");
  await reveal.getByRole("button", { name: "Download .env" }).click();
  const envFile = await fs.readFile((await (await envDownload).path())!, "utf8");
  expect(envFile).toContain(`COMPASS_CLIENT_ID=${clientId}\nCOMPASS_CLIENT_SECRET=${secret}\nCOMPASS_TOKEN_URL=${tokenUrl}\n`);
  const jsonDownload = page.waitForEvent("download");
  await reveal.getByRole("button", { name: "Download JSON" }).click();
  const json = JSON.parse(await fs.readFile((await (await jsonDownload).path())!, "utf8"));
  expect(json).toEqual({ client_id: clientId, client_secret: secret, token_url: tokenUrl, graphql_url: `${baseURL}/api/graphql` });
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "integration-system-secret-reveal");
  // Escape does not close it, and neither does Close before the acknowledgement.
  await page.keyboard.press("Escape");
  await expect(reveal).toBeVisible();
  await expect(reveal.getByRole("button", { name: "Close" })).toBeDisabled();
  await reveal.getByLabel("I have copied the client secret and stored it somewhere safe").check();
  await reveal.getByRole("button", { name: "Close" }).click();
  await expect(reveal).toBeHidden();

  // The secret is gone from the page, the Apollo cache and browser storage; only its hint remains.
  const credentialRow = page.getByRole("row").filter({ hasText: clientId });
  await expect(credentialRow).toContainText(`…${secret.slice(-4)}`);
  expect(await page.content()).not.toContain(secret);
  const state = await clientSideState(page);
  expect(state).toContain('"apolloClients":1');
  expect(state).toContain(clientId);
  expect(state).not.toContain(secret);
  expect(state).not.toContain(secret.slice(7, 27));
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: clientId })).toBeVisible();
  expect(await page.content()).not.toContain(secret);
  await screenshots(page, "integration-system-detail");

  // The system uses the credentials: a token, then the GraphQL API.
  const tokenResponse = await fetch(tokenUrl, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
  });
  expect(tokenResponse.status).toBe(200);
  const { access_token: accessToken } = (await tokenResponse.json()) as { access_token: string };
  const callApi = () =>
    fetch(`${baseURL}/api/graphql`, {
      method: "POST",
      headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
      body: JSON.stringify({ query: `{ viewer { clientId integrationSystem { id name } } }` }),
    });
  const asSystem = await callApi();
  expect(asSystem.status).toBe(200);
  expect(await asSystem.json()).toEqual({ data: { viewer: { clientId, integrationSystem: { id: systemId, name } } } });

  // Revoke: the token stops working.
  await page.getByRole("button", { name: `Revoke credential ${clientId}` }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke this credential?" });
  await expect(confirm).toContainText("every access token issued to it is refused");
  await screenshots(page, "integration-system-revoke");
  await confirm.getByRole("button", { name: "Revoke credential" }).click();
  await expect(page.getByRole("status")).toContainText("Credential revoked");
  await expect(page.getByRole("row").filter({ hasText: clientId })).toHaveCount(0);
  await expect.poll(async () => (await callApi()).status, { timeout: 2_000 }).toBe(401);

  // A second credential, so the delete confirmation has something to name; then delete the system.
  await page.getByRole("button", { name: "Generate credentials" }).click();
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  await page.getByLabel("I have copied the client secret and stored it somewhere safe").check();
  await page.getByRole("button", { name: "Close" }).click();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const deletion = page.getByRole("dialog", { name: `Delete ${name}?` });
  await expect(deletion).toContainText("Its credential is deleted with it, and every access token issued to it stops working at once.");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "integration-system-delete");
  await deletion.getByRole("button", { name: "Delete integration system" }).click();
  await expect(page).toHaveURL(/\/integration-systems$/);
  await expect(page.getByRole("status")).toContainText(`Deleted ${name}`);
  await expect(page.getByRole("link", { name })).toHaveCount(0);
  // A deleted object's page answers 404, with a heading that says so.
  expectFailures(page, { url: new RegExp(`/integration-systems/${systemId}$`), status: 404 });
  expect((await page.goto(`/integration-systems/${systemId}`))?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Integration system not found" })).toBeVisible();
  await expect(page).toHaveTitle("Integration system not found · Compass Director");
});

test("the form shows the server's duplicate-name error and the description limit", async ({ page }) => {
  const name = uniqueName("Inventory Sync");
  await signIn(page);
  await graphql(page.request, `mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { id } }`, { in: { name } });
  await page.goto("/integration-systems/new");
  await page.getByLabel("Description").fill("x".repeat(2001));
  await expect(page.getByText("Description must be at most 2000 characters, got 2001")).toBeVisible();
  await page.getByLabel("Description").fill("A second one");
  await page.getByLabel("Name").fill(name.toUpperCase());
  await page.getByRole("button", { name: "Create integration system" }).click();
  const nameError = page.locator("#name-error");
  await expect(nameError).toContainText("already exists");
  await expect(page.getByLabel("Name")).toHaveAttribute("aria-describedby", /name-error/);
  await expect(page).toHaveURL(/\/integration-systems\/new$/);
  await screenshots(page, "integration-system-create-duplicate");
});

test("the list searches, sorts and pages, and the URL keeps the view", async ({ page }) => {
  const prefix = uniqueName("Paging").replaceAll(" ", "-");
  await signIn(page);
  for (let index = 0; index < 12; index++) {
    await graphql(page.request, `mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { id } }`, {
      in: {
        name: `${prefix}-${String(index).padStart(2, "0")}`,
        description: index % 2 ? "An odd one, with a long description that the table cuts short so rows stay one line high." : null,
      },
    });
  }
  await page.goto("/integration-systems?size=10");
  await page.getByLabel("Search by name").fill(prefix);
  await expect(page).toHaveURL(new RegExp(`q=${prefix}`));
  const rows = page.getByRole("table", { name: "Integration systems" }).locator("tbody tr");
  await expect(rows).toHaveCount(10);
  await expect(page.getByText("Page 1 of 2 · 12 in all")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "integration-systems");

  await page.getByRole("button", { name: "Next" }).click();
  await expect(rows).toHaveCount(2);
  await expect(page).toHaveURL(/page=/);
  await page.reload();
  await expect(rows).toHaveCount(2);
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
  await page.getByRole("button", { name: "Previous" }).click();
  await expect(rows).toHaveCount(10);

  await page.getByRole("button", { name: /^Name, sort/ }).click();
  await expect(page).toHaveURL(/sort=NAME%3Aasc|sort=NAME:asc/);
  await expect(rows.first()).toContainText(`${prefix}-00`);
  await page.getByRole("button", { name: /^Name, sort/ }).click();
  await expect(page).toHaveURL(/sort=NAME%3Adesc|sort=NAME:desc/);
  await expect(rows.first()).toContainText(`${prefix}-11`);
  await expect(page.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "descending");

  await page.getByLabel("Rows per page").selectOption("25");
  await expect(rows).toHaveCount(12);
  await page.getByLabel("Search by name").fill(`${prefix}-nothing`);
  await expect(page.getByText(`No integration system matches “${prefix}-nothing”.`)).toBeVisible();
  await screenshots(page, "integration-systems-no-match");
});

test("a VIEWER sees the same pages without write controls or secrets", async ({ page, newPage }) => {
  const viewer = { email: `viewer-${Date.now()}@example.com`, password: "viewer password 123" };
  await signIn(page);
  const name = uniqueName("Read Only Target");
  const { createIntegrationSystem } = await graphql(page.request, `mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { id } }`, {
    in: { name },
  });
  await graphql(page.request, `mutation($id: ID!) { generateClientCredentialsForIntegrationSystem(id: $id) { id } }`, { id: createIntegrationSystem.id });
  await graphql(page.request, `mutation($in: CreateUserInput!) { createUser(in: $in) { id } }`, { in: { ...viewer, role: "VIEWER" } });

  const viewerPage = await newPage();
  await signIn(viewerPage, viewer);
  await viewerPage.goto(`/integration-systems?q=${encodeURIComponent(name)}`);
  await expect(viewerPage.getByRole("link", { name, exact: true })).toBeVisible();
  // Signed in as the viewer, not the admin whose session made the data.
  await expect(viewerPage.getByRole("banner")).toContainText(viewer.email);
  await expect(viewerPage.getByRole("banner")).not.toContainText(E2E_ADMIN.email);
  await expect(viewerPage.getByRole("banner")).toContainText("Viewer");
  await expect(viewerPage.getByRole("link", { name: "Create integration system" })).toHaveCount(0);
  await expect(viewerPage.getByRole("link", { name: `Edit ${name}` })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: `Delete ${name}` })).toHaveCount(0);
  await expectNoSeriousA11yViolations(viewerPage);
  await screenshots(viewerPage, "integration-systems-viewer");

  await viewerPage.getByRole("link", { name, exact: true }).click();
  await expect(viewerPage.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(viewerPage.getByRole("table", { name: "Client credentials" }).locator("tbody tr")).toHaveCount(1);
  await expect(viewerPage.getByRole("button", { name: "Generate credentials" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
  await expect(viewerPage.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await screenshots(viewerPage, "integration-system-detail-viewer");

  await viewerPage.goto("/integration-systems/new");
  await expect(viewerPage.getByRole("note")).toContainText("Viewer role");
  await expect(viewerPage.getByLabel("Name")).toHaveCount(0);
});

test("the list explains a failure with a retry, and an empty list leads to creating the first system", async ({ page }) => {
  await signIn(page);
  // The API answers the list query once with an error (as a GraphQL error in a 200, so nothing is logged as a failed request) ...
  let failures = 1;
  await page.route("**/api/graphql", async (route) => {
    if (failures > 0 && route.request().postDataJSON()?.operationName === "IntegrationSystemList") {
      failures--;
      await route.fulfill({ json: { errors: [{ message: "The database is unavailable; try again shortly", extensions: { code: "SERVICE_UNAVAILABLE" } }] } });
    } else await route.fallback();
  });
  await page.goto("/integration-systems");
  const table = page.getByRole("table", { name: "Integration systems" });
  await expect(table.getByRole("alert")).toContainText("Could not load this list: The database is unavailable; try again shortly");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "integration-systems-error");
  // ... and Retry asks again, this time for real.
  await table.getByRole("button", { name: "Retry" }).click();
  await expect(table.getByRole("alert")).toHaveCount(0);
  await expect(page.getByText(/Page 1( of \d+)? · \d+ in all/)).toBeVisible();

  // An empty answer shows the call to action.
  await page.unroute("**/api/graphql");
  await page.route("**/api/graphql", async (route) => {
    if (route.request().postDataJSON()?.operationName !== "IntegrationSystemList") return route.fallback();
    await route.fulfill({
      json: {
        data: {
          integrationSystems: {
            __typename: "IntegrationSystemPage",
            data: [],
            pageInfo: { __typename: "PageInfo", endCursor: "", hasNextPage: false },
            totalCount: 0,
          },
        },
      },
    });
  });
  await page.goto("/integration-systems?size=10");
  await expect(table).toContainText("No integration systems yet.");
  await screenshots(page, "integration-systems-empty");
  await table.getByRole("link", { name: "Create integration system" }).click();
  await expect(page.getByRole("heading", { name: "Create integration system" })).toBeVisible();
});
