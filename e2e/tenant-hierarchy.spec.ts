import { graphql, signIn } from "./console";
import { expect, expectListSettled, expectNoSeriousA11yViolations, screenshots, test } from "./fixtures";

/** Issue 22: tenants as Compass's tenant fetcher writes them (type, parents, labels) on the console's tenant pages. */
test("the tenant pages show type, parents and labels, and an edit keeps what the form does not show", async ({ page }) => {
  await signIn(page);
  const suffix = Date.now().toString(36);
  const customer = `customer-${suffix}`;
  const account = `account-${suffix}`;
  const mapping = (name: string, externalTenant: string, type: string, parents: string[] = []) => ({
    name,
    externalTenant,
    type,
    parents,
    provider: "e2e-test-provider",
    region: "eu-10",
  });
  const { writeTenants } = await graphql<{ writeTenants: string[] }>(page.request, `mutation($in: [BusinessTenantMappingInput!]) { writeTenants(in: $in) }`, {
    in: [mapping("Umbrella Customer", customer, "customer"), mapping("Umbrella Account", account, "account", [customer])],
  });
  await graphql(page.request, `mutation($t: ID!) { setTenantLabel(tenantID: $t, key: "costCenter", value: "4711") { key } }`, { t: writeTenants[1] });

  await page.goto(`/tenants?q=${suffix}`);
  await expectListSettled(page);
  const row = page.getByRole("row").filter({ hasText: "Umbrella Account" });
  await expect(row).toContainText(account);
  await expect(row).toContainText("account");
  await expect(page.getByRole("row").filter({ hasText: "Umbrella Customer" })).toContainText("customer");
  await screenshots(page, "tenants-compass-list");

  await row.getByRole("link", { name: "Umbrella Account" }).click();
  await expect(page).toHaveURL(new RegExp(`/tenants/${writeTenants[1]}`));
  const details = page.getByRole("region", { name: "Details" });
  await expect(details).toContainText(account);
  await expect(details).toContainText(writeTenants[1]);
  await expect(details.getByRole("link", { name: "Umbrella Customer" })).toHaveAttribute("href", `/tenants/${writeTenants[0]}`);
  await expect(details).toContainText("costCenter: 4711");
  await expect(details).toContainText("e2e-test-provider");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "tenants-compass-detail");

  // The edit is Compass's updateTenant, which replaces every field: the parents and region survive it.
  await page.getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit tenant" });
  await dialog.getByLabel("Type").selectOption("subaccount");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(details).toContainText("subaccount");
  await expect(details.getByRole("link", { name: "Umbrella Customer" })).toBeVisible();
  await expect(details).toContainText("eu-10");
});
