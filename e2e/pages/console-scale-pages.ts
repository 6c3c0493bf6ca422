import { expect, type Page } from "@playwright/test";

/** One integration system's page: credentials, their notes, scopes and expiry, and where clients get tokens. */
export class SystemDetailPage {
  constructor(readonly page: Page) {}

  async goto(id: string) {
    await this.page.goto(`/integration-systems/${id}`);
    await expect(this.page.getByRole("heading", { name: "Client credentials" })).toBeVisible();
  }

  credentialRow(clientId: string) {
    return this.page.getByRole("table", { name: "Client credentials" }).getByRole("row").filter({ hasText: clientId });
  }

  endpoints() {
    return this.page.getByRole("region", { name: "Where clients get tokens" });
  }

  generateDialog() {
    return this.page.getByRole("dialog", { name: "Generate client credentials" });
  }

  /** Generates through the dialog and closes the one-time reveal; returns the new client id. */
  async generate({ uncheck = [], note }: { uncheck?: string[]; note?: string }) {
    await this.page.getByRole("button", { name: "Generate credentials" }).click();
    const dialog = this.generateDialog();
    await expect(dialog.getByRole("checkbox").first()).toBeVisible();
    for (const scope of uncheck) await dialog.getByRole("checkbox", { name: scope }).uncheck();
    if (note !== undefined) await dialog.getByLabel("Note").fill(note);
    await dialog.getByRole("button", { name: "Generate", exact: true }).click();
    const reveal = this.page.getByRole("dialog", { name: "Client credentials generated" });
    const clientId = (await reveal.getByLabel("Client ID", { exact: true }).textContent())!;
    await reveal.getByLabel("I have copied the client secret and stored it somewhere safe").check();
    await reveal.getByRole("button", { name: "Close" }).click();
    await expect(reveal).toBeHidden();
    return clientId;
  }
}

/** The integration systems list's filter and page controls. */
export class SystemListControls {
  constructor(readonly page: Page) {}

  async filter(label: string) {
    await this.page.getByLabel("Show").selectOption({ label });
  }

  async goToPage(number: number) {
    await this.page.getByLabel("Go to page").fill(String(number));
    await this.page.getByRole("button", { name: "Go", exact: true }).click();
  }

  status() {
    return this.page.locator(".page-status");
  }
}

/** The audit log's filter form and export. */
export class AuditLogPage {
  constructor(readonly page: Page) {}

  async goto(query = "") {
    await this.page.goto(`/audit-log${query}`);
    await expect(this.page.locator(".table-wrap")).toHaveAttribute("aria-busy", "false");
  }

  table() {
    return this.page.getByRole("table", { name: /^Audit events/ });
  }

  async filter(values: { actor?: string; action?: string; type?: string; object?: string }) {
    const form = this.page.getByRole("form", { name: "Filter events" });
    if (values.actor !== undefined) await form.getByLabel("Actor").fill(values.actor);
    if (values.action !== undefined) await form.getByLabel("Action").selectOption({ label: values.action });
    if (values.type !== undefined) await form.getByLabel("Object type").selectOption({ label: values.type });
    if (values.object !== undefined) await form.getByLabel("Object", { exact: true }).fill(values.object);
    await form.getByRole("button", { name: "Apply filters" }).click();
  }
}
