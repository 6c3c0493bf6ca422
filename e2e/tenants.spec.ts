import { graphql, signIn, uniqueName } from "./console";
import { expect, expectListSettled, expectNoSeriousA11yViolations, screenshots, test } from "./fixtures";
import { pickManagedBy } from "./pages/tenant-objects-page";

/** What an integration system's own script does: a token with its credentials, then GraphQL in a tenant. */
async function asSystem(baseURL: string, clientId: string, clientSecret: string) {
  const tokenResponse = await fetch(`${baseURL}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }),
  });
  expect(tokenResponse.status).toBe(200);
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
  return async (tenant: string, query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${baseURL}/api/graphql`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", tenant },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: { message: string; extensions: { code: string } }[] };
  };
}

const REGISTER = `mutation($in: ApplicationRegisterInput!) { registerApplication(in: $in) { id name integrationSystemID tenant { externalId } } }`;

test("an integration system registers applications in two tenants, and the admin sees them", async ({ page, context, baseURL }) => {
  // A whole journey with axe at each step: it outgrows the default 30 s on a busy machine.
  test.setTimeout(60_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page);
  const suffix = Date.now().toString(36);
  const tenants = [
    { externalId: `acme-${suffix}`, name: "Acme Corporation" },
    { externalId: `globex-${suffix}`, name: "Globex" },
  ];

  // The admin creates two tenants in the console.
  // Newest first: the list is oldest first by default, and earlier specs leave more tenants than a page holds.
  await page.goto("/tenants?sort=CREATED_AT:desc");
  await expectListSettled(page);
  for (const tenant of tenants) {
    await page.getByRole("button", { name: "Create tenant" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Create tenant" });
    await dialog.getByLabel("External id").fill("has spaces");
    await expect(dialog.getByText("may hold only ASCII letters")).toBeVisible();
    await dialog.getByLabel("External id").fill(tenant.externalId);
    await dialog.getByLabel("Name").fill(tenant.name);
    if (tenant === tenants[0]) await screenshots(page, "tenant-create");
    await dialog.getByRole("button", { name: "Create tenant" }).click();
    await expect(page.getByRole("status")).toContainText(`Created tenant ${tenant.name}`);
    await expect(page.getByRole("row").filter({ hasText: tenant.externalId })).toBeVisible();
  }
  // The same external id again, in another case, is the server's CONFLICT on its field.
  await page.getByRole("button", { name: "Create tenant" }).first().click();
  const duplicate = page.getByRole("dialog", { name: "Create tenant" });
  await duplicate.getByLabel("External id").fill(tenants[0].externalId.toUpperCase());
  await duplicate.getByLabel("Name").fill("Acme again");
  await duplicate.getByRole("button", { name: "Create tenant" }).click();
  await expect(duplicate.locator("#tenant-external-id-error")).toContainText("already");
  await duplicate.getByRole("button", { name: "Cancel" }).click();
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "tenants");

  // ... and an integration system with credentials.
  const systemName = uniqueName("Vendor Connector");
  const { createIntegrationSystem: system } = await graphql(
    page.request,
    `mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { id } }`,
    {
      in: { name: systemName },
    },
  );
  await page.goto(`/integration-systems/${system.id}`);
  await expect(page.getByText("It manages no applications yet.")).toBeVisible();
  await page.getByRole("button", { name: "Generate credentials" }).click();
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  const reveal = page.getByRole("dialog", { name: "Client credentials generated" });
  const clientId = (await reveal.getByLabel("Client ID", { exact: true }).textContent())!;
  await reveal.getByRole("button", { name: "Copy client secret" }).click();
  const clientSecret = await page.evaluate(() => navigator.clipboard.readText());
  await reveal.getByLabel("I have copied the client secret and stored it somewhere safe").check();
  await reveal.getByRole("button", { name: "Close" }).click();

  // The system's script registers one application in each tenant; it manages them whatever the input says.
  const call = await asSystem(baseURL!, clientId, clientSecret);
  for (const [index, tenant] of tenants.entries()) {
    const result = await call(tenant.externalId, REGISTER, {
      in: { name: `Payroll ${index + 1}`, description: "Registered by the vendor", integrationSystemID: null },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.registerApplication).toMatchObject({ integrationSystemID: system.id, tenant: { externalId: tenant.externalId } });
  }
  const missingHeader = await call("", REGISTER, { in: { name: "Nowhere" } });
  expect(missingHeader.errors?.[0].extensions.code).toBe("BAD_USER_INPUT");

  // The admin sees both on the system's page, each with its tenant.
  await page.reload();
  const applications = page.getByRole("table", { name: "Applications it manages" });
  await expect(applications.locator("tbody tr")).toHaveCount(2);
  await expect(applications.getByRole("row").filter({ hasText: "Payroll 1" })).toContainText(`Acme Corporation (${tenants[0].externalId})`);
  await expect(applications.getByRole("row").filter({ hasText: "Payroll 2" })).toContainText(`Globex (${tenants[1].externalId})`);
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "integration-system-applications");

  // Deleting the system is refused while it manages them, and says how many.
  // Said before anything is confirmed, in the user's words, with no Delete to press.
  const deleteButton = page.getByRole("button", { name: "Delete", exact: true });
  await deleteButton.click();
  const deletion = page.getByRole("dialog", { name: `Delete ${systemName}?` });
  await expect(deletion).toContainText(`${systemName} manages 2 applications: unregister them first.`);
  await expect(deletion.getByRole("button", { name: "Delete integration system" })).toBeDisabled();
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "integration-system-delete-refused");
  await deletion.getByRole("button", { name: "Cancel" }).click();
  // Focus goes back to the button that opened the dialog.
  await expect(deleteButton).toBeFocused();

  // The tenant's page lists its application; deleting the tenant needs the explicit cascade.
  await applications.getByRole("link", { name: /Acme Corporation/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Acme Corporation" })).toBeVisible();
  const tenantApplications = page.getByRole("table", { name: "Applications" });
  await expect(tenantApplications.getByRole("row").filter({ hasText: "Payroll 1" })).toContainText(systemName);
  await expect(tenantApplications.getByRole("row").filter({ hasText: "Payroll 2" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "tenant-detail");

  // The admin registers one more by hand, then edits it.
  await page.getByRole("button", { name: "Register application" }).click();
  const register = page.getByRole("dialog", { name: "Register application" });
  await register.getByLabel("Name").fill("Payroll 1");
  await register.getByRole("button", { name: "Register application" }).click();
  await expect(register.locator("#application-name-error")).toContainText("already");
  await register.getByLabel("Name").fill("Time Tracking");
  await pickManagedBy(register, systemName);
  await register.getByRole("button", { name: "Register application" }).click();
  // Registered: the console goes to the new application, Back returns to the tenant.
  await expect(page.getByRole("heading", { level: 1, name: "Time Tracking" })).toBeVisible();
  await page.goBack();
  await expect(tenantApplications.locator("tbody tr")).toHaveCount(2);
  await page.getByRole("button", { name: "Edit Time Tracking" }).click();
  const edit = page.getByRole("dialog", { name: "Edit application" });
  await edit.getByLabel("Description").fill("Hours for payroll");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(tenantApplications.getByRole("row").filter({ hasText: "Time Tracking" })).toContainText("Hours for payroll");

  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const tenantDeletion = page.getByRole("dialog", { name: "Delete tenant Acme Corporation?" });
  await expect(tenantDeletion).toContainText("Acme Corporation has 2 applications. Tick the box to unregister them too.");
  await expect(tenantDeletion.getByRole("button", { name: "Delete tenant" })).toBeDisabled();
  await tenantDeletion.getByLabel("Also unregister its 2 applications").check();
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "tenant-delete");
  await tenantDeletion.getByRole("button", { name: "Delete tenant" }).click();
  await expect(page).toHaveURL(/\/tenants$/);
  await expect(page.getByRole("row").filter({ hasText: tenants[0].externalId })).toHaveCount(0);

  // The system now manages only the Globex application; the audit log names it as the actor.
  await page.goto(`/integration-systems/${system.id}`);
  await expect(page.getByRole("table", { name: "Applications it manages" }).locator("tbody tr")).toHaveCount(1);
  const audit = await graphql(page.request, `{ auditEvents(first: 50) { data { action actor { type label } objectLabel } } }`);
  const registered = audit.auditEvents.data.filter((event: { action: string }) => event.action === "APPLICATION_REGISTERED");
  expect(registered).toEqual(
    expect.arrayContaining([expect.objectContaining({ actor: expect.objectContaining({ type: "INTEGRATION_SYSTEM", label: systemName }) })]),
  );
});
