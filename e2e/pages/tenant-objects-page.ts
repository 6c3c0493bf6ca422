import { expect, type Locator, type Page } from "@playwright/test";

/** Picks the system that manages an application in its register dialog: open the picker, type part of the name, choose it. */
export async function pickManagedBy(dialog: Locator, systemName: string, typed = systemName) {
  const picker = dialog.getByRole("combobox", { name: "Managed by" });
  await picker.click();
  const page = dialog.page();
  await page.getByRole("combobox", { name: "Search integration systems" }).fill(typed);
  await page.getByRole("option", { name: systemName, exact: true }).click();
  await expect(picker).toContainText(systemName);
}

/** A tenant's runtimes tab, a runtime's or an application's page, and the tenant's label definitions. */
export class TenantObjectsPage {
  constructor(
    readonly page: Page,
    readonly tenantId: string,
  ) {}

  async gotoRuntimes(query = "") {
    await this.page.goto(`/tenants/${this.tenantId}?tab=runtimes${query}`);
    await expect(this.page.locator(".table-wrap")).toHaveAttribute("aria-busy", "false");
  }

  async gotoLabelDefinitions() {
    await this.page.goto(`/tenants/${this.tenantId}/label-definitions`);
    await expect(this.page.locator(".table-wrap")).toHaveAttribute("aria-busy", "false");
  }

  runtimes() {
    return this.page.getByRole("table", { name: "Runtimes" });
  }

  labels() {
    return this.page.getByRole("table", { name: "Labels" });
  }

  labelFilter() {
    return this.page.getByRole("searchbox", { name: "Label filter" });
  }

  async filterByLabel(text: string) {
    await this.labelFilter().fill(text);
    await this.labelFilter().press("Enter");
  }

  labelDialog(name = "Add label") {
    return this.page.getByRole("dialog", { name });
  }

  async openAddLabel() {
    await this.page.getByRole("button", { name: "Add label" }).click();
    await expect(this.labelDialog()).toBeVisible();
  }
}
