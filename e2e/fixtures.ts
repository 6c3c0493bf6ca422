import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page, type Request } from "@playwright/test";

/** The sign-in page, found by role and label as a person would. */
export class LoginPage {
  constructor(private page: Page) {}

  async goto() {
    await this.page.goto("/login");
  }

  async signIn(email: string, password: string) {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  /** The form's own alert (Next adds an empty route announcer with the same role). */
  alert() {
    return this.page.locator("form").getByRole("alert");
  }
}

/** Saves a screenshot at desktop width and at 375 px into docs/screenshots/. */
export async function screenshots(page: Page, name: string) {
  for (const [suffix, viewport] of [
    ["desktop", { width: 1280, height: 800 }],
    ["mobile", { width: 375, height: 740 }],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `docs/screenshots/${name}-${suffix}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/**
 * Runs axe-core on the page as it is now (open dialogs included) and fails on
 * any serious or critical violation, listing each with the elements it hit.
 */
export async function expectNoSeriousA11yViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  expect(serious, `accessibility violations on ${page.url()}`).toEqual([]);
}

/**
 * The DataTable on the page has its answer (aria-busy is off). Wait for it
 * before reloading or navigating away, or the fixture sees the cancelled
 * GraphQL request as a failure.
 */
export async function expectListSettled(page: Page) {
  await expect(page.locator(".table-wrap")).toHaveAttribute("aria-busy", "false");
}

/**
 * A wrong password (401) and a throttled sign-in (429) are refused on purpose;
 * Chromium logs those fetches as errors.
 */
const isExpectedRefusal = (url: string, status: number) => (status === 401 || status === 429) && url.endsWith("/api/auth/login");

/**
 * ERR_ABORTED is the page cancelling its own request: Next's router dropping
 * a page's data request (`?_rsc=`) when the user moves on, Apollo aborting a
 * query whose component went away, a reload. Nothing failed; a server that
 * breaks shows as another network error or an HTTP status.
 */
const isCancelledByThePage = (errorText: string | undefined) => errorText === "net::ERR_ABORTED";

/** Every test fails on an uncaught page error, a console error or a failed request. */
export const test = base.extend<{ loginPage: LoginPage }>({
  page: async ({ page }, use) => {
    const problems: string[] = [];
    let refusals = 0;
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("requestfailed", (request) => {
      const errorText = request.failure()?.errorText;
      if (!isCancelledByThePage(errorText)) problems.push(`request failed: ${request.url()} ${errorText}`);
    });
    page.on("response", (response) => {
      if (isExpectedRefusal(response.url(), response.status())) refusals++;
      else if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      if (/status of (401|429)/.test(message.text()) && refusals > 0) return;
      problems.push(`console error: ${message.text()}`);
    });
    await use(page);
    expect(problems, "the page logged errors").toEqual([]);
  },
  loginPage: async ({ page }, use) => use(new LoginPage(page)),
});

export { expect };
