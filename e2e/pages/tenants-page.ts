import { expect, type Page } from "@playwright/test";

/** The tenants list and its dialogs. */
export class TenantsPage {
  constructor(readonly page: Page) {}

  async goto(query = "") {
    await this.page.goto(`/tenants${query}`);
    await expect(this.page.locator(".table-wrap")).toHaveAttribute("aria-busy", "false");
  }

  table() {
    return this.page.getByRole("table", { name: "Tenants" });
  }

  createDialog() {
    return this.page.getByRole("dialog", { name: "Create tenant" });
  }

  async openCreate() {
    await this.page.getByRole("button", { name: "Create tenant" }).first().click();
    await expect(this.createDialog()).toBeVisible();
  }

  async fillCreate({ externalId, name }: { externalId: string; name: string }) {
    await this.createDialog().getByLabel("External id").fill(externalId);
    await this.createDialog().getByLabel("Name").fill(name);
  }
}
