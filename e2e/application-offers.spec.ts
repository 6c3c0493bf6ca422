import type { APIRequestContext } from "@playwright/test";
import { graphql, signIn, uniqueName } from "./console";
import { expect, expectNoSeriousA11yViolations, screenshots, test } from "./fixtures";

/**
 * Issue 23 in the console: what an application offers, on its page. Its
 * bundles (opening their documents and instance auths), its API and event
 * definitions with their specs shown highlighted and downloadable; an admin
 * answers a runtime's request for credentials and deletes it.
 */

const CREATE_TENANT = "mutation($in: TenantInput!) { createTenant(in: $in) { id: internalID } }";
const INSTANCE_AUTH_PASSWORD = "runtime-secret-7c1e-never-shown";
const OPENAPI = JSON.stringify({ openapi: "3.0.2", info: { title: "Orders", version: "1.0.0" }, paths: { "/orders": { get: { summary: "List orders" } } } });
const ASYNCAPI = "asyncapi: 2.6.0\n# Orders as they change\ninfo:\n  title: Order events\n  version: 1.0.0\nchannels:\n  order.created: {}\n";

async function inTenant<T = any>(request: APIRequestContext, tenant: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await request.post("/api/graphql", { headers: { tenant }, data: { query, variables } });
  const body = await response.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

test("an application's bundles, APIs, events and documents, its specs readable, and an admin answering a runtime's request for credentials", async ({
  page,
}) => {
  await signIn(page);
  const { createTenant: tenant } = await graphql<{ createTenant: { id: string } }>(page.request, CREATE_TENANT, {
    in: { externalId: uniqueName("offers").replace(" ", "-"), name: uniqueName("Offers Tenant") },
  });
  const appName = uniqueName("Shop");
  const registered = await inTenant<{ registerApplication: { id: string; bundles: { data: { id: string }[] } } }>(
    page.request,
    tenant.id,
    `mutation($in: ApplicationRegisterInput!) { registerApplication(in: $in) { id bundles { data { id } } } }`,
    {
      in: {
        name: appName,
        bundles: [
          {
            name: "orders",
            description: "Everything about orders",
            apiDefinitions: [
              { name: "orders-v1", targetURL: "https://shop.example.com/orders", group: "orders", spec: { type: "OPEN_API", format: "JSON", data: OPENAPI } },
            ],
            eventDefinitions: [{ name: "order-events", spec: { type: "ASYNC_API", format: "YAML", data: ASYNCAPI } }],
            documents: [
              { title: "Readme", displayName: "Readme", description: "How to call the orders API", format: "MARKDOWN", data: "# Orders\n\nCall GET /orders." },
            ],
          },
        ],
      },
    },
  );
  const bundleId = registered.registerApplication.bundles.data[0].id;
  // A request for credentials (an admin asks for no runtime in particular): PENDING until answered.
  await inTenant(page.request, tenant.id, `mutation($b: ID!) { requestBundleInstanceAuthCreation(bundleID: $b, in: { context: "{}" }) { id } }`, {
    b: bundleId,
  });

  await page.goto(`/tenants/${tenant.id}/applications/${registered.registerApplication.id}`);
  await expect(page.getByRole("heading", { level: 1, name: appName })).toBeVisible();
  const bundles = page.getByRole("region", { name: "Bundles" });
  const bundleRow = bundles.getByRole("row").filter({ hasText: "orders" });
  await expect(bundleRow).toContainText("1 API · 1 event · 1 document");
  await expect(bundleRow).toContainText("1 pending");
  const apis = page.getByRole("region", { name: "API definitions" });
  await expect(apis.getByRole("row").filter({ hasText: "orders-v1" })).toContainText("OPEN API · JSON");
  await expect(page.getByRole("region", { name: "Event definitions" }).getByRole("row").filter({ hasText: "order-events" })).toContainText("ASYNC API · YAML");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "application-offers");

  // The OpenAPI spec, pretty-printed and highlighted, and downloadable as stored.
  await apis.getByRole("button", { name: "View the spec of orders-v1" }).click();
  const specDialog = page.getByRole("dialog", { name: "Spec of orders-v1" });
  const spec = specDialog.getByRole("region", { name: "The spec of orders-v1" });
  await expect(spec).toContainText('"openapi": "3.0.2"');
  await expect(spec.locator(".tok-key").first()).toHaveText('"openapi"');
  await expect(spec.locator(".tok-string").first()).toHaveText('"3.0.2"');
  const [download] = await Promise.all([page.waitForEvent("download"), specDialog.getByRole("button", { name: "Download" }).click()]);
  expect(download.suggestedFilename()).toBe("orders-v1.json");
  await expectNoSeriousA11yViolations(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshots(page, "application-spec");
  await page.keyboard.press("Escape");

  // The YAML event spec: keys and the comment highlighted.
  await page.getByRole("button", { name: "View the spec of order-events" }).click();
  const yaml = page.getByRole("region", { name: "The spec of order-events" });
  await expect(yaml.locator(".tok-comment")).toHaveText("# Orders as they change");
  await expect(yaml.locator(".tok-key").first()).toHaveText("asyncapi");
  await page.keyboard.press("Escape");

  // Open the bundle: its document, and the runtime's request, pending.
  await bundleRow.getByRole("button", { name: "orders", exact: true }).click();
  const contents = page.getByRole("dialog", { name: "Bundle orders" });
  await contents.getByRole("button", { name: "View" }).click();
  await expect(contents.getByRole("region", { name: "The document Readme" })).toContainText("Call GET /orders.");
  const requestRow = contents.getByRole("row").filter({ hasText: "Pending" });
  await expect(requestRow).toContainText("Credentials were not yet provided.");
  await expectNoSeriousA11yViolations(page);
  // A full-page picture draws a dialog where the viewport is: from the top, it is in the picture at both widths.
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshots(page, "bundle-instance-auths");

  // Answer it with credentials: SUCCEEDED, and the password is never shown.
  await requestRow.getByRole("button", { name: "Set credentials" }).click();
  const set = page.getByRole("dialog", { name: "Set credentials" });
  await set.getByLabel("User name").fill("orders-runtime");
  await set.getByLabel("Password").fill(INSTANCE_AUTH_PASSWORD);
  await set.getByRole("button", { name: "Set credentials" }).click();
  await expect(set).toBeHidden();
  const succeeded = contents.getByRole("row").filter({ hasText: "Succeeded" });
  await expect(succeeded).toContainText("Credentials were provided.");
  expect(await page.content()).not.toContain(INSTANCE_AUTH_PASSWORD);

  // And delete it.
  await succeeded.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete instance auth" }).getByRole("button", { name: "Delete" }).click();
  await expect(contents.getByText("No runtime has asked for credentials yet.")).toBeVisible();
  await page.keyboard.press("Escape");

  // Add an API definition of its own through the form.
  await apis.getByRole("button", { name: "Add API definition" }).click();
  const add = page.getByRole("dialog", { name: "Add API definition" });
  await add.getByLabel("Name", { exact: true }).fill("stock-v1");
  await add.getByLabel("Target URL").fill("https://shop.example.com/stock");
  await add.getByLabel("Spec (optional)", { exact: true }).fill('{"openapi":"3.0.0"}');
  await add.getByRole("button", { name: "Add API definition" }).click();
  await expect(add).toBeHidden();
  await expect(apis.getByRole("row").filter({ hasText: "stock-v1" })).toContainText("OPEN API · JSON");
});
