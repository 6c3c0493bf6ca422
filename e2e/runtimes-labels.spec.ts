import { graphql, signIn, uniqueName } from "./console";
import { expect, expectNoSeriousA11yViolations, screenshots, test } from "./fixtures";
import { TenantObjectsPage } from "./pages/tenant-objects-page";

test("an admin registers a runtime, labels it under a label definition, and the runtime reads its tenant's applications with its own credentials", async ({
  page,
  baseURL,
}) => {
  await signIn(page);
  const externalId = uniqueName("rt").replace(" ", "-");
  const { createTenant: tenant } = await graphql<{ createTenant: { id: string } }>(
    page.request,
    // The internal id: the console's pages take it (a tenant's `id` is its external one, as in Compass).
    "mutation($in: TenantInput!) { createTenant(in: $in) { id: internalID } }",
    { in: { externalId, name: uniqueName("Runtime Tenant") } },
  );
  // An application the runtime will read with its own token.
  const appName = uniqueName("Orders");
  const appResponse = await page.request.post("/api/graphql", {
    headers: { tenant: tenant.id },
    data: { query: "mutation($in: ApplicationRegisterInput!) { registerApplication(in: $in) { id } }", variables: { in: { name: appName } } },
  });
  expect((await appResponse.json()).errors).toBeUndefined();
  const objects = new TenantObjectsPage(page, tenant.id);

  // The Runtimes tab beside Applications: register a runtime.
  await page.goto(`/tenants/${tenant.id}`);
  await page.getByRole("navigation", { name: "Tenant contents" }).getByRole("link", { name: "Runtimes" }).click();
  await expect(page).toHaveURL(/tab=runtimes/);
  await expect(objects.runtimes()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const runtimeName = uniqueName("Edge Cluster");
  await page.getByRole("button", { name: "Register runtime" }).click();
  const register = page.getByRole("dialog", { name: "Register runtime" });
  await register.getByLabel("Name", { exact: true }).fill(runtimeName);
  await register.getByLabel("Description").fill("Kyma cluster in the eu-west region");
  await register.getByLabel("Status").selectOption({ label: "Connected" });
  await register.getByRole("button", { name: "Register runtime" }).click();
  await expect(page.getByRole("status")).toContainText(`Registered ${runtimeName}`);
  // Registered: the console goes to the new runtime, Back returns to the tenant's runtimes.
  await expect(page.getByRole("heading", { level: 1, name: runtimeName })).toBeVisible();
  await page.goBack();
  await expect(objects.runtimes().getByRole("row").filter({ hasText: runtimeName })).toContainText("Connected");
  await screenshots(page, "tenant-runtimes");

  // A label definition: the schema editor shows its own errors on the field, then the server's.
  await objects.gotoLabelDefinitions();
  await page.getByRole("button", { name: "Create label definition" }).click();
  const define = page.getByRole("dialog", { name: "Create label definition" });
  await define.getByLabel("Key").fill("env");
  const schemaField = define.getByLabel("JSON Schema");
  await schemaField.fill('{"type": "string",');
  await expect(define.locator("#definition-schema-error")).toContainText("Not valid JSON");
  await expect(schemaField).toHaveAttribute("aria-invalid", "true");
  // Valid JSON but no valid schema: the server (ajv) refuses it on the field.
  await schemaField.fill('{"type": "strin"}');
  await expect(define.locator("#definition-schema-error")).toHaveCount(0);
  await define.getByRole("button", { name: "Create label definition" }).click();
  await expect(define.locator("#definition-schema-error")).toContainText("not a valid JSON Schema");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "label-definition-invalid");
  await schemaField.fill('{"type": "string", "enum": ["dev", "prod"]}');
  await define.getByRole("button", { name: "Create label definition" }).click();
  await expect(page.getByRole("status")).toContainText("Saved the label definition env");
  await expect(page.getByRole("table", { name: "Label definitions" }).getByRole("row").filter({ hasText: "env" })).toContainText('"enum":["dev","prod"]');

  // Label the runtime: the definition's rules are checked as the user types.
  await objects.gotoRuntimes();
  await objects.runtimes().getByRole("link", { name: runtimeName }).click();
  await expect(page.getByRole("heading", { level: 1, name: runtimeName })).toBeVisible();
  await objects.openAddLabel();
  const add = objects.labelDialog();
  await add.getByLabel("Key").fill("env");
  await add.getByLabel("Value").fill("qa");
  await expect(add.locator("#label-value-error")).toContainText("Breaks the label definition");
  await expect(add.getByLabel("Value")).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "runtime-label-invalid");
  // What only the server checks (the 8 KiB value limit) lands on the same field.
  await add.getByLabel("Key").fill("notes");
  await add.getByLabel("Value").fill("x".repeat(9000));
  await add.getByRole("button", { name: "Save label" }).click();
  await expect(add.locator("#label-value-error")).toContainText("at most 8192 bytes");
  await add.getByLabel("Key").fill("env");
  await add.getByLabel("Value").fill("prod");
  await expect(add.locator("#label-value-error")).toHaveCount(0);
  await add.getByRole("button", { name: "Save label" }).click();
  await expect(objects.labels().getByRole("row").filter({ hasText: "env" })).toContainText("prod");
  await objects.openAddLabel();
  await objects.labelDialog().getByLabel("Key").fill("scenarios");
  await objects.labelDialog().getByLabel("Value").fill('["DEFAULT", "billing"]');
  await objects.labelDialog().getByRole("button", { name: "Save label" }).click();
  await expect(objects.labels().getByRole("row").filter({ hasText: "scenarios" })).toContainText('["DEFAULT","billing"]');
  // Edit, then remove, a label.
  await page.getByRole("button", { name: "Edit label scenarios" }).click();
  const edit = objects.labelDialog("Edit the label scenarios");
  await edit.getByLabel("Value").fill('["DEFAULT"]');
  await edit.getByRole("button", { name: "Save label" }).click();
  await expect(objects.labels().getByRole("row").filter({ hasText: "scenarios" })).toContainText('["DEFAULT"]');

  // Credentials: generated, revealed once.
  await page.getByRole("button", { name: "Generate credentials" }).click();
  await page.getByRole("dialog", { name: "Generate client credentials" }).getByRole("button", { name: "Generate", exact: true }).click();
  const reveal = page.getByRole("dialog", { name: "Client credentials generated" });
  await expect(reveal).toBeVisible();
  const clientId = (await reveal.getByLabel("Client ID", { exact: true }).textContent())!;
  const secret = (await reveal.getByLabel("Client secret", { exact: true }).textContent())!;
  const tokenUrl = (await reveal.getByLabel("Token URL", { exact: true }).textContent())!;
  expect(tokenUrl).toBe(`${baseURL}/oauth2/token`);
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "runtime-secret-reveal");
  await reveal.getByLabel("I have copied the client secret and stored it somewhere safe").check();
  await reveal.getByRole("button", { name: "Close" }).click();
  await expect(reveal).toBeHidden();
  await expect(page.getByRole("table", { name: "Client credentials" }).getByRole("row").filter({ hasText: clientId })).toBeVisible();
  expect(await page.content()).not.toContain(secret);
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "runtime-detail");

  // The label filter on the runtimes list, kept in the URL.
  await objects.gotoRuntimes();
  await objects.filterByLabel("env=prod, scenarios=DEFAULT");
  await expect(page).toHaveURL(/labels=env%3Dprod/);
  await expect(objects.runtimes().getByRole("row").filter({ hasText: runtimeName })).toBeVisible();
  await page.reload();
  await expect(objects.labelFilter()).toHaveValue("env=prod, scenarios=DEFAULT");
  await expect(objects.runtimes().getByRole("row").filter({ hasText: runtimeName })).toBeVisible();
  await objects.filterByLabel("env=dev");
  await expect(page.getByText("No runtime matches the label filter “env=dev”.")).toBeVisible();
  // A key the API refuses: its message shows on the filter field.
  await objects.filterByLabel("not-a-key");
  await expect(page.locator("#runtimes-label-filter-error")).toContainText("letters, digits and underscores");
  await expect(objects.labelFilter()).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousA11yViolations(page);

  // The application's page: labels under the same definition, and its own credentials section.
  await page.getByRole("navigation", { name: "Tenant contents" }).getByRole("link", { name: "Applications" }).click();
  await page.getByRole("table", { name: "Applications" }).getByRole("link", { name: appName }).click();
  await expect(page.getByRole("heading", { level: 1, name: appName })).toBeVisible();
  await objects.openAddLabel();
  await objects.labelDialog().getByLabel("Key").fill("env");
  await objects.labelDialog().getByLabel("Value").fill('"dev"');
  await objects.labelDialog().getByRole("button", { name: "Save label" }).click();
  await expect(objects.labels().getByRole("row").filter({ hasText: "env" })).toContainText("dev");
  await expect(page.getByRole("button", { name: "Generate credentials" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "application-detail");
  // The applications list filters by the label too, from the URL.
  await page.goto(`/tenants/${tenant.id}?labels=env%3Ddev`);
  await expect(objects.labelFilter()).toHaveValue("env=dev");
  await expect(page.getByRole("table", { name: "Applications" }).getByRole("link", { name: appName })).toBeVisible();
  await page.goto(`/tenants/${tenant.id}?labels=env%3Dprod`);
  await expect(page.getByText("No application matches the label filter “env=prod”.")).toBeVisible();

  // The runtime uses its credentials: a token, then its tenant's applications.
  const tokenResponse = await fetch(tokenUrl, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
  });
  expect(tokenResponse.status).toBe(200);
  const { access_token: accessToken } = (await tokenResponse.json()) as { access_token: string };
  const api = await fetch(`${baseURL}/api/graphql`, {
    method: "POST",
    headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json", tenant: externalId },
    body: JSON.stringify({ query: "{ viewer { type } applications { data { name } } }" }),
  });
  const body = (await api.json()) as { data?: { viewer: { type: string }; applications: { data: { name: string }[] } }; errors?: unknown };
  expect(body.errors).toBeUndefined();
  expect(body.data!.viewer.type).toBe("RUNTIME");
  expect(body.data!.applications.data.map((app) => app.name)).toEqual([appName]);
});
