import { expect, type Page } from "@playwright/test";

/** The integration systems list, found by role and label as a person would. */
export class IntegrationSystemsPage {
  constructor(readonly page: Page) {}

  async goto(query = "") {
    await this.page.goto(`/integration-systems${query}`);
  }

  table() {
    return this.page.getByRole("table", { name: "Integration systems" });
  }

  rows() {
    return this.table().locator("tbody tr");
  }

  /** The list has its answer (its table is no longer busy). */
  async settled() {
    await expect(this.page.locator(".table-wrap")).toHaveAttribute("aria-busy", "false");
  }

  async search(text: string) {
    await this.page.getByLabel("Search by name").fill(text);
  }

  async sortByName() {
    await this.page.getByRole("button", { name: /^Name, sort/ }).click();
  }

  pageStatus() {
    return this.page.locator(".page-status");
  }
}

/** The create and edit form of an integration system. */
export class IntegrationSystemFormPage {
  constructor(readonly page: Page) {}

  async gotoNew() {
    await this.page.goto("/integration-systems/new");
  }

  async fill({ name, description }: { name?: string; description?: string }) {
    if (name !== undefined) await this.page.getByLabel("Name").fill(name);
    if (description !== undefined) await this.page.getByLabel("Description").fill(description);
  }

  async create() {
    await this.page.getByRole("button", { name: "Create integration system" }).click();
  }
}
