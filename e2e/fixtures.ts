import AxeBuilder from "@axe-core/playwright";
import { IntegrationSystemFormPage, IntegrationSystemsPage } from "./pages/integration-systems-page";
import { TenantsPage } from "./pages/tenants-page";
import { test as base, type BrowserContext, type BrowserContextOptions, expect, type Page } from "@playwright/test";

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

/**
 * Saves a screenshot at desktop width and at 375 px: into docs/screenshots/
 * when asked (UPDATE_SCREENSHOTS=1), otherwise into test-results/screenshots/
 * to look at, so an ordinary run leaves the documented ones as they are.
 */
export async function screenshots(page: Page, name: string) {
  const folder = process.env.UPDATE_SCREENSHOTS === "1" ? "docs/screenshots" : "test-results/screenshots";
  for (const [suffix, viewport] of [
    ["desktop", { width: 1280, height: 800 }],
    ["mobile", { width: 375, height: 740 }],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${folder}/${name}-${suffix}.png`, fullPage: true });
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

/** Closes every toast, so that a screenshot shows the page under them. */
export async function dismissToasts(page: Page) {
  const close = page.getByRole("button", { name: "Dismiss notification" });
  while ((await close.count()) > 0) await close.first().click();
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

/** A failure a test provokes on purpose: an HTTP status, or "network" for a request that got no answer. */
export interface ExpectedFailure {
  url: RegExp;
  status: number | "network";
}

const expectedFailures = new WeakMap<Page, ExpectedFailure[]>();

/**
 * Tells the error-watching fixture that `page` will see these failures (a
 * test that ends the session, or answers 503, on purpose). Anything else still fails the test.
 */
export function expectFailures(page: Page, ...failures: ExpectedFailure[]) {
  expectedFailures.set(page, [...(expectedFailures.get(page) ?? []), ...failures]);
}

const isExpectedFailure = (page: Page, url: string, status: number | "network") =>
  (expectedFailures.get(page) ?? []).some((failure) => failure.status === status && failure.url.test(url));

/**
 * Fails on an uncaught page error, a console error or a failed request, on
 * `page` and on every page a test opens in its own browser context
 * (`newPage`), so no page escapes the check.
 */
function watchForErrors(page: Page): () => string[] {
  const problems: string[] = [];
  const expectedStatuses = new Set<number>();
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => {
    const errorText = request.failure()?.errorText;
    if (isCancelledByThePage(errorText)) return;
    if (isExpectedFailure(page, request.url(), "network")) {
      expectedStatuses.add(0);
      return;
    }
    problems.push(`request failed: ${request.url()} ${errorText}`);
  });
  page.on("response", (response) => {
    const status = response.status();
    if (isExpectedRefusal(response.url(), status) || (status >= 400 && isExpectedFailure(page, response.url(), status))) expectedStatuses.add(status);
    else if (status >= 400) problems.push(`HTTP ${status}: ${response.url()}`);
  });
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    // Chromium logs every refused fetch as "Failed to load resource: the server responded with a status of N".
    const status = /status of (\d+)/.exec(message.text())?.[1];
    if (status && expectedStatuses.has(Number(status))) return;
    if (expectedStatuses.has(0) && /net::ERR_FAILED|Failed to load resource/.test(message.text())) return;
    problems.push(`console error: ${message.text()}`);
  });
  return () => problems;
}

/** Every test fails on an uncaught page error, a console error or a failed request. */
export const test = base.extend<{
  loginPage: LoginPage;
  systemsPage: IntegrationSystemsPage;
  systemFormPage: IntegrationSystemFormPage;
  tenantsPage: TenantsPage;
  newPage: (options?: BrowserContextOptions) => Promise<Page>;
}>({
  page: async ({ page }, use) => {
    const problems = watchForErrors(page);
    await use(page);
    expect(problems(), "the page logged errors").toEqual([]);
  },
  /** A page in a fresh browser context (another user, an empty cache), watched like `page`. */
  newPage: async ({ browser }, use) => {
    const opened: { context: BrowserContext; problems: () => string[] }[] = [];
    await use(async (options) => {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      opened.push({ context, problems: watchForErrors(page) });
      return page;
    });
    for (const { context, problems } of opened) {
      await context.close();
      expect(problems(), "a page of its own context logged errors").toEqual([]);
    }
  },
  loginPage: async ({ page }, use) => use(new LoginPage(page)),
  systemsPage: async ({ page }, use) => use(new IntegrationSystemsPage(page)),
  systemFormPage: async ({ page }, use) => use(new IntegrationSystemFormPage(page)),
  tenantsPage: async ({ page }, use) => use(new TenantsPage(page)),
});

export { expect };
