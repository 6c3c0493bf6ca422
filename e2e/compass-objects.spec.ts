import { E2E_VIEWER, clientSideState, ensureViewer, graphql, signIn, uniqueName } from "./console";
import { dismissToasts, expect, expectNoSeriousA11yViolations, screenshots, test } from "./fixtures";
import { TenantObjectsPage } from "./pages/tenant-objects-page";

/** Issue 22 in the console: Compass's application fields, an object's webhooks and a runtime's contexts, through the real UI. */

/** A tenant's `id` is its external id (Compass's); the console's pages and the tenant header take our internal one. */
const CREATE_TENANT = "mutation($in: TenantInput!) { createTenant(in: $in) { id: internalID } }";
const WEBHOOK_PASSWORD = "hunter2-never-shown-9f3a";

test("an application shows Compass's fields, and its webhooks are added, edited and deleted without their password ever showing", async ({ page }) => {
  await signIn(page);
  const { createTenant: tenant } = await graphql<{ createTenant: { id: string } }>(page.request, CREATE_TENANT, {
    in: { externalId: uniqueName("hooks").replace(" ", "-"), name: uniqueName("Webhook Tenant") },
  });

  // Register an application with a provider, a base URL and a health check URL.
  const appName = uniqueName("Orders");
  await page.goto(`/tenants/${tenant.id}`);
  await page.getByRole("button", { name: "Register application" }).click();
  const register = page.getByRole("dialog", { name: "Register application" });
  await register.getByLabel("Name").fill(appName);
  await register.getByLabel("Provider").fill("Acme Commerce");
  await register.getByLabel("Base URL").fill("https://orders.acme.example.com");
  await register.getByLabel("Health check URL").fill("https://orders.acme.example.com/healthz");
  await expectNoSeriousA11yViolations(page);
  await register.getByRole("button", { name: "Register application" }).click();
  await expect(register).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: appName })).toBeVisible();
  const details = page.getByRole("region", { name: "Details" });
  await expect(details.getByRole("definition").filter({ hasText: "Acme Commerce" })).toBeVisible();
  await expect(details.getByText("https://orders.acme.example.com", { exact: true })).toBeVisible();
  await expect(details.getByText("https://orders.acme.example.com/healthz", { exact: true })).toBeVisible();

  // No webhooks yet: the section says so.
  const section = page.getByRole("region", { name: "Webhooks" });
  const webhooks = section.getByRole("table", { name: "Webhooks" });
  await expect(section.getByText("No webhooks yet")).toBeVisible();

  // Add one: a loopback URL is refused on its field, then a public one is stored with basic auth.
  await section.getByRole("button", { name: "Add webhook" }).click();
  const add = page.getByRole("dialog", { name: "Add webhook" });
  await add.getByLabel("Type").selectOption({ label: "Configuration changed" });
  await add.getByLabel("URL (optional)", { exact: true }).fill("http://127.0.0.1:8080/hook");
  await add.getByLabel("Authentication").selectOption({ label: "Basic (user name and password)" });
  await add.getByLabel("User name").fill("orders-bot");
  await add.getByLabel("Password", { exact: true }).fill(WEBHOOK_PASSWORD);
  await add.getByRole("button", { name: "Add webhook" }).click();
  const urlField = add.getByLabel("URL (optional)", { exact: true });
  await expect(urlField).toHaveAttribute("aria-invalid", "true");
  await expect(add).toContainText("server-side request forgery");
  // The submit button is at the bottom of a tall form: focus goes to the field, so its error is on screen.
  await expect(urlField).toBeFocused();
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "webhook-add-refused");
  await urlField.fill("https://hooks.acme.example.com/orders");
  await expect(urlField).not.toHaveAttribute("aria-invalid", "true");
  await add.getByRole("button", { name: "Add webhook" }).click();
  await expect(add).toBeHidden();
  await expect(page.getByRole("status")).toContainText("Webhook added");
  const row = webhooks.getByRole("row").filter({ hasText: "https://hooks.acme.example.com/orders" });
  await expect(row).toContainText("Configuration changed");
  await expect(row).toContainText("Basic (orders-bot)");
  expect(await page.content()).not.toContain(WEBHOOK_PASSWORD);

  // Edit it: the stored authentication is kept without the form ever holding the password.
  await row.getByRole("button", { name: /^Edit / }).click();
  const edit = page.getByRole("dialog", { name: "Edit webhook" });
  await expect(edit.getByLabel("Authentication")).toHaveValue("keep");
  await expect(edit.getByLabel("URL (optional)", { exact: true })).toHaveValue("https://hooks.acme.example.com/orders");
  expect(await page.content()).not.toContain(WEBHOOK_PASSWORD);
  await edit.getByLabel("URL (optional)", { exact: true }).fill("https://hooks.acme.example.com/orders/v2");
  // Templates and timing are folded away until asked for (this webhook has none yet).
  await expect(edit.getByLabel("Timeout (seconds) (optional)")).toBeHidden();
  await edit.getByText("Templates, timeout and retries").click();
  await edit.getByLabel("Timeout (seconds) (optional)").fill("soon");
  await edit.getByRole("button", { name: "Save webhook" }).click();
  await expect(edit.getByLabel("Timeout (seconds) (optional)")).toHaveAttribute("aria-invalid", "true");
  await expect(edit.getByLabel("Timeout (seconds) (optional)")).toBeFocused();
  await edit.getByLabel("Timeout (seconds) (optional)").fill("30");
  await expectNoSeriousA11yViolations(page);
  await edit.getByRole("button", { name: "Save webhook" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole("status")).toContainText("Webhook saved");
  const edited = webhooks.getByRole("row").filter({ hasText: "https://hooks.acme.example.com/orders/v2" });
  await expect(edited).toContainText("Basic (orders-bot)");
  expect(await page.content()).not.toContain(WEBHOOK_PASSWORD);
  // Nor in the client's memory: the read for "keep" goes past Apollo's cache.
  expect(await clientSideState(page)).not.toContain(WEBHOOK_PASSWORD);
  // The password is still stored (an admin's read shows it, as Compass's @sanitize does for admins), only never on the page.
  const applicationId = new URL(page.url()).pathname.split("/").at(-1);
  const stored = await page.request.post("/api/graphql", {
    headers: { tenant: tenant.id },
    data: {
      query: "query($id: ID!) { application(id: $id) { webhooks { timeout auth { credential { ... on BasicCredentialData { username } } } } } }",
      variables: { id: applicationId },
    },
  });
  const { data, errors } = await stored.json();
  expect(errors).toBeUndefined();
  const { application } = data as { application: { webhooks: unknown[] } };
  expect(application.webhooks).toEqual([{ timeout: 30, auth: { credential: { username: "orders-bot" } } }]);
  await dismissToasts(page);
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "application-webhooks");
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "application-webhooks-dark");
  await page.emulateMedia({ colorScheme: "light" });

  // Delete it: asked first, then the section is empty again and focus stays in it.
  await edited.getByRole("button", { name: /^Delete / }).click();
  const confirm = page.getByRole("dialog", { name: "Delete this webhook?" });
  await expect(confirm).toContainText("https://hooks.acme.example.com/orders/v2");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "webhook-delete");
  await confirm.getByRole("button", { name: "Delete webhook" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("status")).toContainText("Webhook deleted");
  await expect(section.getByText("No webhooks yet")).toBeVisible();
  await expect(webhooks.getByRole("row").filter({ hasText: "hooks.acme.example.com" })).toHaveCount(0);
  expect(await section.evaluate((element) => element.contains(document.activeElement)), "focus stays in the webhooks section").toBe(true);
});

test("a runtime's contexts are added with labels, edited and removed on its page", async ({ page, newPage }) => {
  await signIn(page);
  const { createTenant: tenant } = await graphql<{ createTenant: { id: string } }>(page.request, CREATE_TENANT, {
    in: { externalId: uniqueName("ctx").replace(" ", "-"), name: uniqueName("Context Tenant") },
  });
  const objects = new TenantObjectsPage(page, tenant.id);

  // Register a runtime through the Runtimes tab.
  const runtimeName = uniqueName("Edge Cluster");
  await objects.gotoRuntimes();
  await page.getByRole("button", { name: "Register runtime" }).click();
  const register = page.getByRole("dialog", { name: "Register runtime" });
  await register.getByLabel("Name", { exact: true }).fill(runtimeName);
  await register.getByLabel("Description").fill("Kyma cluster in the eu-west region");
  await register.getByRole("button", { name: "Register runtime" }).click();
  await expect(page.getByRole("heading", { level: 1, name: runtimeName })).toBeVisible();

  const section = page.getByRole("region", { name: "Runtime contexts" });
  const contexts = section.getByRole("table", { name: "Runtime contexts" });
  await expect(section.getByText("No runtime contexts yet.")).toBeVisible();
  await dismissToasts(page);
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "runtime-contexts-empty");

  // Add one with a label; a key the rules refuse and labels that are not an object are caught on their fields.
  await section.getByRole("button", { name: "Add runtime context" }).click();
  const add = page.getByRole("dialog", { name: "Add runtime context" });
  await expect(add.getByLabel("Key")).toBeFocused();
  await add.getByLabel("Key").fill("sub scription");
  await add.getByLabel("Value (optional)").fill("sub-0001");
  await add.getByLabel("Labels (optional)").fill('["eu"]');
  await add.getByRole("button", { name: "Add runtime context" }).click();
  await expect(add.getByLabel("Key")).toHaveAttribute("aria-invalid", "true");
  await expect(add.getByLabel("Labels (optional)")).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "runtime-context-invalid");
  await add.getByLabel("Key").fill("subscription");
  await add.getByLabel("Labels (optional)").fill('{"region": "eu"}');
  await add.getByRole("button", { name: "Add runtime context" }).click();
  await expect(add).toBeHidden();
  await expect(page.getByRole("status")).toContainText("Added subscription");
  const row = contexts.getByRole("row").filter({ hasText: "subscription" });
  await expect(row).toContainText("sub-0001");
  await expect(row).toContainText("region: eu");

  // Edit it: the form starts from what is stored.
  await row.getByRole("button", { name: "Edit subscription" }).click();
  const edit = page.getByRole("dialog", { name: "Edit runtime context" });
  await expect(edit.getByLabel("Value (optional)")).toHaveValue("sub-0001");
  await expect(edit.getByLabel("Labels (optional)")).toHaveValue(/"region": "eu"/);
  await edit.getByLabel("Value (optional)").fill("sub-0002");
  await edit.getByLabel("Labels (optional)").fill('{"region": "us", "tier": "gold"}');
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "runtime-context-edit");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole("status")).toContainText("Saved subscription");
  await expect(row).toContainText("sub-0002");
  await expect(row).toContainText("region: us, tier: gold");
  // A second one, so the page shows a list.
  await section.getByRole("button", { name: "Add runtime context" }).click();
  await add.getByLabel("Key").fill("landscape");
  await add.getByLabel("Value (optional)").fill("canary");
  await add.getByRole("button", { name: "Add runtime context" }).click();
  await expect(add).toBeHidden();
  await expect(contexts.getByRole("row").filter({ hasText: "landscape" })).toContainText("canary");
  // The runtime has webhooks too.
  const hooks = page.getByRole("region", { name: "Webhooks" });
  await hooks.getByRole("button", { name: "Add webhook" }).click();
  const addHook = page.getByRole("dialog", { name: "Add webhook" });
  await addHook.getByLabel("Type").selectOption({ label: "Formation lifecycle" });
  await addHook.getByLabel("Mode").selectOption({ label: "Sync" });
  await addHook.getByLabel("URL (optional)", { exact: true }).fill("https://hooks.acme.example.com/formations");
  await addHook.getByRole("button", { name: "Add webhook" }).click();
  await expect(addHook).toBeHidden();
  const hookRow = hooks.getByRole("table", { name: "Webhooks" }).getByRole("row").filter({ hasText: "formations" });
  await expect(hookRow).toContainText("Formation lifecycle");
  // An admin reads every webhook's auth: this one has none.
  await expect(hookRow.getByRole("cell", { name: "None", exact: true })).toBeVisible();
  await dismissToasts(page);
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "runtime-contexts");

  // Remove it: asked first, gone from the list.
  await row.getByRole("button", { name: "Remove subscription" }).click();
  const confirm = page.getByRole("dialog", { name: "Remove subscription?" });
  await expect(confirm).toContainText("removed from its runtime");
  await expectNoSeriousA11yViolations(page);
  await confirm.getByRole("button", { name: "Remove runtime context" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("status")).toContainText("Removed subscription");
  await expect(contexts.getByRole("row").filter({ hasText: "subscription" })).toHaveCount(0);
  await expect(contexts.getByRole("row").filter({ hasText: "landscape" })).toBeVisible();
  expect(await section.evaluate((element) => element.contains(document.activeElement)), "focus stays in the runtime contexts section").toBe(true);

  // A viewer sees both sections without their write controls, and a webhook's auth as not shown (the API leaves it out), not as none.
  await ensureViewer(page);
  const viewer = await newPage();
  await signIn(viewer, E2E_VIEWER);
  await viewer.goto(page.url());
  await expect(viewer.getByRole("table", { name: "Runtime contexts" }).getByRole("row").filter({ hasText: "landscape" })).toBeVisible();
  await expect(viewer.getByRole("table", { name: "Webhooks" }).getByRole("row").filter({ hasText: "formations" })).toContainText("Not shown");
  await expect(viewer.getByRole("button", { name: "Add runtime context" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Add webhook" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /^(Edit|Remove|Delete) / })).toHaveCount(0);
});
