import { graphql, signIn, uniqueName } from "./console";
import { expect, expectNoSeriousA11yViolations, screenshots, test } from "./fixtures";
import { TenantObjectsPage } from "./pages/tenant-objects-page";

test("an application's page shows where its events go, and a runtime's page its eventing URL; leaving the scenario clears it", async ({ page }) => {
  await signIn(page);
  const { createTenant: tenant } = await graphql<{ createTenant: { id: string } }>(
    page.request,
    "mutation($in: TenantInput!) { createTenant(in: $in) { id: internalID } }",
    { in: { externalId: uniqueName("ev").replace(" ", "-"), name: uniqueName("Eventing Tenant") } },
  );
  const inTenant = async (query: string, variables: Record<string, unknown>) => {
    const response = await page.request.post("/api/graphql", { headers: { tenant: tenant.id }, data: { query, variables } });
    const body = await response.json();
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data;
  };
  const appName = uniqueName("Orders");
  const runtimeName = uniqueName("Edge Cluster");
  const { registerApplication: application } = await inTenant(`mutation($in: ApplicationRegisterInput!) { registerApplication(in: $in) { id } }`, {
    in: { name: appName, labels: { scenarios: ["billing"] } },
  });
  const { registerRuntime: runtime } = await inTenant(`mutation($in: RuntimeRegisterInput!) { registerRuntime(in: $in) { id } }`, {
    in: { name: runtimeName, labels: { scenarios: ["billing"], runtime_eventServiceUrl: "https://events.eu-west.example.com" } },
  });
  const { setDefaultEventingForApplication: chosen } = await inTenant(
    `mutation($app: String!, $rt: String!) { setDefaultEventingForApplication(appID: $app, runtimeID: $rt) { defaultURL } }`,
    { app: application.id, rt: runtime.id },
  );
  expect(chosen.defaultURL).toMatch(/^https:\/\/events\.eu-west\.example\.com\/mp-orders-[a-z0-9-]+\/v1\/events$/);

  // The application's page names the URL its events go to.
  await page.goto(`/tenants/${tenant.id}/applications/${application.id}`);
  await expect(page.getByRole("heading", { level: 1, name: appName })).toBeVisible();
  const details = page.getByRole("region", { name: "Details" });
  const eventingURL = details.locator("dt", { hasText: "Default eventing URL" }).locator("xpath=following-sibling::dd[1]");
  await expect(eventingURL).toHaveText(chosen.defaultURL);
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "application-default-eventing");

  // The runtime's page names its own.
  await page.goto(`/tenants/${tenant.id}/runtimes/${runtime.id}`);
  await expect(page.getByRole("heading", { level: 1, name: runtimeName })).toBeVisible();
  await expect(details.locator("dt", { hasText: "Eventing URL" }).locator("xpath=following-sibling::dd[1]")).toHaveText("https://events.eu-west.example.com");
  await expect(page.getByText("No runtime contexts yet.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "runtime-eventing");

  // Out of the runtime's scenario, the application has nowhere to send events: its page shows a dash at once.
  await page.goto(`/tenants/${tenant.id}/applications/${application.id}`);
  const objects = new TenantObjectsPage(page, tenant.id);
  await page.getByRole("button", { name: "Edit label scenarios" }).click();
  const edit = objects.labelDialog("Edit the label scenarios");
  await edit.getByLabel("Value").fill('["shipping"]');
  await edit.getByRole("button", { name: "Save label" }).click();
  await expect(objects.labels().getByRole("row").filter({ hasText: "scenarios" })).toContainText('["shipping"]');
  await expect(eventingURL).toHaveText("—");
});
