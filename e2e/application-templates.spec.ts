import { graphql, signIn, uniqueName } from "./console";
import { dismissToasts, expect, expectNoSeriousA11yViolations, screenshots, test } from "./fixtures";

/** Issue 24 in the console: the Templates page, and registering an application from a template on a tenant's applications tab. */

const CREATE_TENANT = "mutation($in: TenantInput!) { createTenant(in: $in) { id: internalID } }";

test("an admin publishes a template on the Templates page, and a tenant registers an application from it through a form made of its placeholders", async ({
  page,
}) => {
  await signIn(page);
  const systemName = uniqueName("Orders publisher");
  const { createIntegrationSystem: system } = await graphql<{ createIntegrationSystem: { id: string } }>(
    page.request,
    "mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { id } }",
    { in: { name: systemName } },
  );
  const templateName = `SAP ${uniqueName("Orders")}`;

  // Create: the form starts from an example input and its placeholders; a broken input is refused by the server.
  await page.goto("/application-templates");
  await expect(page.getByRole("link", { name: "Templates", exact: true })).toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: "Create template" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create application template" })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(templateName);
  const input = {
    name: "{{name}}",
    description: "Orders of {{display-name}}",
    providerName: "Acme",
    healthCheckURL: "https://{{display-name}}.example.com/health",
    labels: { region: "{{display-name}}" },
    integrationSystemID: system.id,
  };
  await page.getByLabel("Application input (JSON)").fill(JSON.stringify(input, null, 2));
  await page.getByLabel("Placeholders (JSON)").fill(
    JSON.stringify([
      { name: "name", description: "The application's name in the tenant: letters, digits, '-', '_', '.'", jsonPath: "$.name" },
      { name: "display-name", description: "The customer's host name part, e.g. acme", jsonPath: "$.displayName" },
    ]),
  );
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(page.getByRole("heading", { level: 1, name: templateName })).toBeVisible();
  await dismissToasts(page);

  // The detail: placeholders with their descriptions, the application input as stored.
  const placeholders = page.getByRole("region", { name: "Placeholders" });
  await expect(placeholders.getByText("{{display-name}}")).toBeVisible();
  await expect(placeholders.getByText("The customer's host name part, e.g. acme")).toBeVisible();
  const applicationInput = page.getByRole("region", { name: "Application input" });
  await expect(applicationInput).toContainText('"applicationType":');
  await expect(applicationInput).toContainText("https://{{display-name}}.example.com/health");

  // The list finds it by search.
  await page.goto(`/application-templates?q=${encodeURIComponent(templateName)}`);
  await expect(page.getByRole("link", { name: templateName })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "application-templates");

  // Register from it in a tenant: a field per placeholder, its description as help text.
  const { createTenant: tenant } = await graphql<{ createTenant: { id: string } }>(page.request, CREATE_TENANT, {
    in: { externalId: uniqueName("templates").replace(" ", "-"), name: uniqueName("Template Tenant") },
  });
  await page.goto(`/tenants/${tenant.id}`);
  await page.getByRole("button", { name: "Register from template" }).click();
  const dialog = page.getByRole("dialog", { name: "Register from template" });
  await dialog.getByLabel("Template").selectOption({ label: templateName });
  const name = dialog.getByLabel("name", { exact: true });
  const host = dialog.getByLabel("display-name", { exact: true });
  await expect(dialog.getByText("The customer's host name part, e.g. acme")).toBeVisible();
  // A value that makes the application invalid: the server's verdict lands on that placeholder's field.
  const appName = uniqueName("orders").replace(" ", "-");
  await name.fill(appName);
  await host.fill("not a host");
  await dialog.getByRole("button", { name: "Register application" }).click();
  await expect(host).toHaveAttribute("aria-invalid", "true");
  await expect(dialog).toContainText('placeholder "display-name"');
  await expect(name).not.toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "register-from-template");

  await host.fill("acme");
  await dialog.getByRole("button", { name: "Register application" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: appName })).toBeVisible();
  const details = page.getByRole("region", { name: "Details" });
  await expect(details.getByText("https://acme.example.com/health", { exact: true })).toBeVisible();
  // The template names its integration system: the application is managed by it.
  await expect(details.locator('dt:has-text("Managed by") + dd')).toContainText(systemName);

  // The template now counts it, and the server keeps the template while it does.
  await page.goto("/application-templates");
  await page.getByRole("link", { name: templateName }).click();
  await expect(page.getByRole("region", { name: "Details" }).locator('dt:has-text("Applications from it") + dd')).toHaveText("1");
});
