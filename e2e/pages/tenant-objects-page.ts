import { expect, type Page } from "@playwright/test";

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
