import { expect, type Page } from "@playwright/test";

/** The users page (admins) and its dialogs. */
export class UsersPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/users");
    await this.settled();
  }

  async settled() {
    await expect(this.page.locator(".table-wrap").first()).toHaveAttribute("aria-busy", "false");
  }

  table() {
    return this.page.getByRole("table", { name: "Console users" });
  }

  row(email: string) {
    return this.table().getByRole("row").filter({ hasText: email });
  }

  async rowAction(
    email: string,
    action: "Change role" | "Reset password" | "Sessions" | "End all sessions" | "API tokens" | "Resend invitation" | "Revoke invitation" | "Delete",
  ) {
    await this.row(email)
      .getByRole("button", { name: `${action} ${email}`, exact: true })
      .click();
  }

  inviteDialog() {
    return this.page.getByRole("dialog", { name: "Invite user" });
  }

  /** The one-time link's dialog: its title names the user. */
  linkDialog(email: string) {
    return this.page.getByRole("dialog", { name: new RegExp(`^(${escape(email)} invited|Password reset link for ${escape(email)})$`) });
  }

  async invite(email: string, role: "Admin" | "Viewer") {
    await this.page.getByRole("button", { name: "Invite user" }).click();
    await expect(this.inviteDialog()).toBeVisible();
    await this.inviteDialog().getByLabel("Email").fill(email);
    await this.inviteDialog()
      .getByRole("radio", { name: new RegExp(`^${role}:`) })
      .check();
    await this.inviteDialog().getByRole("button", { name: "Invite", exact: true }).click();
  }

  /** Reads the link from its dialog, acknowledges and closes it. */
  async takeLink(email: string): Promise<string> {
    const dialog = this.linkDialog(email);
    await expect(dialog).toBeVisible();
    const link = (await dialog.getByLabel("Link", { exact: true }).textContent())!.trim();
    await dialog.getByLabel("I have copied the link").check();
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(dialog).toBeHidden();
    return link;
  }
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The account page: own password and sessions. */
export class AccountPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/account");
    await expect(this.page.locator(".table-wrap")).toHaveAttribute("aria-busy", "false");
  }

  sessions() {
    return this.page.getByRole("table", { name: "Your active sessions" });
  }

  async changePassword(current: string, next: string, repeat = next) {
    await this.page.getByLabel("Current password").fill(current);
    await this.page.getByLabel("New password", { exact: true }).fill(next);
    await this.page.getByLabel("Repeat the new password").fill(repeat);
    await this.page.getByRole("button", { name: "Change password" }).click();
  }

  /** Changes the password and waits for the server's answer (a toast from an earlier change may still show). */
  async changePasswordAndWait(current: string, next: string) {
    const answered = this.page.waitForResponse(
      (response) => response.url().endsWith("/api/graphql") && response.request().postData()?.includes("ChangePassword") === true,
    );
    await this.changePassword(current, next);
    const body = await (await answered).json();
    expect(body.errors).toBeUndefined();
  }
}
