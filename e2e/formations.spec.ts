import { E2E_VIEWER, ensureViewer, graphql, signIn, uniqueName } from "./console";
import { dismissToasts, expect, expectListSettled, expectNoSeriousA11yViolations, screenshots, test } from "./fixtures";

test("an admin creates a formation, assigns an application, is refused its deletion while assigned, unassigns and deletes it; a viewer only reads", async ({
  page,
}) => {
  await signIn(page);
  const { createTenant: tenant } = await graphql<{ createTenant: { id: string } }>(
    page.request,
    "mutation($in: TenantInput!) { createTenant(in: $in) { id: internalID } }",
    { in: { externalId: uniqueName("fm").replace(" ", "-"), name: uniqueName("Formation Tenant") } },
  );
  const appName = uniqueName("Orders");
  const registered = await page.request.post("/api/graphql", {
    headers: { tenant: tenant.id },
    data: { query: "mutation($in: ApplicationRegisterInput!) { registerApplication(in: $in) { id } }", variables: { in: { name: appName } } },
  });
  expect((await registered.json()).errors).toBeUndefined();
  const runtimeName = uniqueName("Edge");
  const runtime = await page.request.post("/api/graphql", {
    headers: { tenant: tenant.id },
    data: { query: "mutation($in: RuntimeRegisterInput!) { registerRuntime(in: $in) { id } }", variables: { in: { name: runtimeName } } },
  });
  expect((await runtime.json()).errors).toBeUndefined();

  // From the tenant's page to its formations.
  await page.goto(`/tenants/${tenant.id}`);
  await page.getByRole("navigation", { name: "Tenant contents" }).getByRole("link", { name: "Formations" }).click();
  await expect(page).toHaveURL(new RegExp(`/tenants/${tenant.id}/formations$`));
  await expectListSettled(page);
  await expect(page.getByRole("table", { name: "Formations" })).toContainText("No formations yet");

  // Create: the default template is picked; a name the API refuses shows on the field.
  await page.getByRole("button", { name: "Create formation" }).first().click();
  const create = page.getByRole("dialog", { name: "Create formation" });
  await expect(create.getByLabel("Template")).toHaveValue("Side-by-side extensibility with Kyma");
  await create.getByLabel("Name").fill("-not a scenario");
  await create.getByRole("button", { name: "Create formation" }).click();
  await expect(create.locator("#formation-name-error")).toContainText("A scenario name is 1-128 letters");
  const formationName = uniqueName("Checkout");
  await create.getByLabel("Name").fill(formationName);
  await expectNoSeriousA11yViolations(page);
  await create.getByRole("button", { name: "Create formation" }).click();
  await expect(page.getByRole("status")).toContainText(`Created the formation ${formationName}`);
  const row = page.getByRole("table", { name: "Formations" }).getByRole("row").filter({ hasText: formationName });
  await expect(row).toContainText("Side-by-side extensibility with Kyma");
  await expect(row).toContainText("READY");
  await dismissToasts(page);
  await screenshots(page, "formations");

  // Its page: assign the application, picked by searching.
  await row.getByRole("link", { name: formationName }).click();
  await expect(page.getByRole("heading", { level: 1, name: formationName })).toBeVisible();
  const assigned = page.getByRole("table", { name: "Assigned applications and runtimes" });
  await expect(assigned).toContainText("Nothing is assigned yet");
  await page.getByRole("button", { name: "Assign", exact: true }).click();
  const assign = page.getByRole("dialog", { name: `Assign to ${formationName}` });
  await assign.getByRole("combobox", { name: "Application" }).click();
  await page.getByRole("combobox", { name: "Search applications" }).fill(appName);
  await page.getByRole("option", { name: appName, exact: true }).click();
  await expectNoSeriousA11yViolations(page);
  await assign.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(page.getByRole("status")).toContainText(`Assigned the application ${appName} to ${formationName}`);
  await expect(assigned.getByRole("row").filter({ hasText: appName })).toContainText("application");
  // A runtime too: the kind chosen first, the picker then searches runtimes.
  await page.getByRole("button", { name: "Assign", exact: true }).click();
  await assign.getByLabel("Kind").selectOption({ label: "Runtime" });
  await assign.getByRole("combobox", { name: "Runtime" }).click();
  await page.getByRole("combobox", { name: "Search runtimes" }).fill(runtimeName);
  await page.getByRole("option", { name: runtimeName, exact: true }).click();
  await assign.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(assigned.getByRole("row").filter({ hasText: runtimeName })).toContainText("runtime");
  await expectNoSeriousA11yViolations(page);
  await dismissToasts(page);
  await screenshots(page, "formation-detail");

  // Deleting it while the application is in it: the server's refusal, in the dialog.
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Formations" }).click();
  await expectListSettled(page);
  await row.getByRole("button", { name: `Delete formation ${formationName}` }).click();
  const confirmDelete = page.getByRole("dialog", { name: `Delete the formation ${formationName}?` });
  await confirmDelete.getByRole("button", { name: "Delete formation" }).click();
  await expect(confirmDelete.getByRole("alert")).toContainText(`Cannot delete formation "${formationName}": it is not empty (2 objects`);
  await screenshots(page, "formation-delete-refused");
  await confirmDelete.getByRole("button", { name: "Cancel" }).click();

  // Unassign, then the deletion goes through.
  await row.getByRole("link", { name: formationName }).click();
  for (const [kind, name] of [
    ["application", appName],
    ["runtime", runtimeName],
  ]) {
    await assigned.getByRole("button", { name: `Unassign ${kind} ${name}` }).click();
    await page
      .getByRole("dialog", { name: `Unassign the ${kind} ${name}?` })
      .getByRole("button", { name: "Unassign" })
      .click();
    await expect(assigned.getByRole("row").filter({ hasText: name })).toHaveCount(0);
  }
  await expect(assigned).toContainText("Nothing is assigned yet");

  // A viewer sees the formation and what is in it, and no write buttons.
  const keptName = uniqueName("Kept");
  const kept = await page.request.post("/api/graphql", {
    headers: { tenant: tenant.id },
    data: { query: "mutation($f: FormationInput!) { createFormation(formation: $f) { id } }", variables: { f: { name: keptName } } },
  });
  expect((await kept.json()).errors).toBeUndefined();

  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Formations" }).click();
  await expectListSettled(page);
  await row.getByRole("button", { name: `Delete formation ${formationName}` }).click();
  await confirmDelete.getByRole("button", { name: "Delete formation" }).click();
  await expect(page.getByRole("status")).toContainText(`Deleted the formation ${formationName}`);
  await expect(row).toHaveCount(0);

  // A formation the tenant does not hold: the console's not-found, with the way back to the formations.
  await page.goto(`/tenants/${tenant.id}/formations/01a00000-0000-7000-8000-000000000000`);
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("Not found");
  await expect(page.getByRole("link", { name: "Back to formations" })).toBeVisible();

  await ensureViewer(page);
  await signIn(page, E2E_VIEWER);
  await page.goto(`/tenants/${tenant.id}/formations`);
  await expectListSettled(page);
  const keptRow = page.getByRole("table", { name: "Formations" }).getByRole("row").filter({ hasText: keptName });
  await expect(keptRow).toBeVisible();
  await expect(page.getByRole("button", { name: "Create formation" })).toHaveCount(0);
  await expect(keptRow.getByRole("button")).toHaveCount(0);
  await keptRow.getByRole("link", { name: keptName }).click();
  await expect(page.getByRole("heading", { level: 1, name: keptName })).toBeVisible();
  await expect(page.getByRole("button", { name: "Assign", exact: true })).toHaveCount(0);
});
