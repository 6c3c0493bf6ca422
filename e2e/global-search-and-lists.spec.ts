import type { Page, Request } from "@playwright/test";
import { E2E_ADMIN } from "./admin";
import { E2E_VIEWER, ensureViewer, graphql, signIn, uniqueName } from "./console";
import { expect, expectListSettled, expectNoSeriousA11yViolations, screenshots, test } from "./fixtures";

/** Issue 27: the global search (Ctrl/⌘+K), labels and sorting in the tenant lists, the audit log at 375 px, and the pictures of the pages. */

async function newTenant(page: Page, prefix: string) {
  const externalId = uniqueName(prefix).replaceAll(" ", "-").toLowerCase();
  const { createTenant } = await graphql<{ createTenant: { id: string; name: string } }>(
    page.request,
    "mutation($in: TenantInput!) { createTenant(in: $in) { id: internalID name } }",
    { in: { externalId, name: uniqueName(`${prefix} Tenant`) } },
  );
  return createTenant;
}

/** Registers an application or runtime in `tenantId` with these labels; returns its id. */
async function register(page: Page, tenantId: string, kind: "Application" | "Runtime", name: string, labels?: Record<string, unknown>) {
  const response = await page.request.post("/api/graphql", {
    headers: { tenant: tenantId },
    data: { query: `mutation($in: ${kind}RegisterInput!) { register${kind}(in: $in) { id } }`, variables: { in: { name, labels } } },
  });
  const body = await response.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data[`register${kind}`].id as string;
}

const searchRequests = (page: Page) => {
  const texts: string[] = [];
  page.on("request", (request: Request) => {
    if (!request.url().endsWith("/api/graphql") || request.method() !== "POST") return;
    const body = request.postDataJSON() as { operationName?: string; variables?: { query?: string } } | null;
    if (body?.operationName === "GlobalSearch") texts.push(body.variables?.query ?? "");
  });
  return texts;
};

test("global search: Ctrl+K opens it, the server is asked once per pause, and the keyboard alone opens a runtime of another tenant", async ({ page }) => {
  await signIn(page);
  const word = uniqueName("Kestrel").split(" ")[1];
  const tenant = await newTenant(page, "Search");
  const other = await newTenant(page, "Search Other");
  await register(page, tenant.id, "Application", `shop ${word}`);
  const runtimeId = await register(page, other.id, "Runtime", `edge ${word}`);
  await graphql(page.request, "mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { id } }", {
    in: { name: `connector ${word}` },
  });

  await page.goto("/overview");
  // The Search button keeps the header to one row at 1280 px, every section whole.
  await expect(page.getByRole("button", { name: "Search", exact: true })).toBeVisible();
  expect((await page.locator(".topbar").boundingBox())!.height).toBeLessThan(70);
  expect(await page.locator(".console-nav ul").evaluate((list) => list.scrollWidth - list.clientWidth)).toBeLessThanOrEqual(0);
  await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link").last()).toBeInViewport({ ratio: 1 });
  const asked = searchRequests(page);
  await page.keyboard.press("ControlOrMeta+k");
  const palette = page.getByRole("dialog", { name: "Search the console" });
  await expect(palette).toBeVisible();
  const input = palette.getByRole("combobox");
  await expect(input).toBeFocused();
  // Typed faster than the pause: one request, for the whole text.
  await input.pressSequentially(word, { delay: 20 });
  await expect(palette.getByRole("option")).toHaveCount(3);
  expect(asked).toEqual([word]);
  await expect(palette.getByRole("group", { name: "Integration systems" }).getByRole("option")).toHaveText(`connector ${word}`);
  await expect(palette.getByRole("group", { name: "Applications" }).getByRole("option")).toContainText(tenant.name);
  await expect(palette.getByRole("group", { name: "Runtimes" }).getByRole("option")).toContainText(other.name);
  await expect(palette.getByRole("status")).toHaveText("3 found.");
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "global-search");
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "global-search-dark");
  await page.emulateMedia({ colorScheme: "light" });

  // Arrows move (wrapping), Enter opens the runtime's page in its tenant.
  await page.keyboard.press("ArrowUp");
  await expect(palette.getByRole("option", { selected: true })).toContainText(`edge ${word}`);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/tenants/${other.id}/runtimes/${runtimeId}$`));
  await expect(page.getByRole("heading", { level: 1, name: `edge ${word}` })).toBeVisible();
  await expect(palette).toHaveCount(0);

  // Nothing found says so; Escape closes and the text is gone next time.
  await page.keyboard.press("ControlOrMeta+k");
  await palette.getByRole("combobox").fill("no such thing at all");
  await expect(palette.getByRole("status")).toHaveText("Nothing matches “no such thing at all”.");
  await page.keyboard.press("Escape");
  await expect(palette).toHaveCount(0);

  // Mouse and phone: the header's Search button.
  await page.setViewportSize({ width: 375, height: 740 });
  expect((await page.locator(".topbar").boundingBox())!.height, "one header row at 375 px").toBeLessThan(70);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(palette.getByRole("combobox")).toHaveValue("");
  await palette.getByRole("combobox").fill(`shop ${word}`);
  await palette.getByRole("option", { name: new RegExp(`shop ${word}`) }).click();
  await expect(page.getByRole("heading", { level: 1, name: `shop ${word}` })).toBeVisible();
});

test("a viewer's search finds what the viewer may read", async ({ page, newPage }) => {
  await signIn(page);
  await ensureViewer(page);
  const word = uniqueName("Osprey").split(" ")[1];
  const tenant = await newTenant(page, "Viewer Search");
  await register(page, tenant.id, "Application", `portal ${word}`);
  const viewer = await newPage();
  await signIn(viewer, E2E_VIEWER);
  await viewer.goto("/integration-systems");
  await viewer.keyboard.press("ControlOrMeta+k");
  const palette = viewer.getByRole("dialog", { name: "Search the console" });
  await palette.getByRole("combobox").fill(word);
  await expect(palette.getByRole("option")).toHaveText([new RegExp(`portal ${word}`)]);
});

test("application and runtime lists show labels as chips and sort by name and registration, by mouse or keyboard, with aria-sort", async ({ page }) => {
  await signIn(page);
  const tenant = await newTenant(page, "Sorted");
  // Registered in this order, so registration order differs from name order.
  await register(page, tenant.id, "Application", "Cherry orders", { env: "prod", team: "checkout" });
  await register(page, tenant.id, "Application", "apple billing", {
    env: "dev",
    region: ["eu-west-1", "eu-central-1"],
    owner: "a-very-long-team-name-that-goes-on-and-on-without-end",
    tier: 1,
  });
  await register(page, tenant.id, "Application", "Banana stock");
  await register(page, tenant.id, "Runtime", "zeta cluster", { env: "prod" });
  await register(page, tenant.id, "Runtime", "Alpha cluster", { env: "dev", zone: "a" });

  await page.goto(`/tenants/${tenant.id}`);
  await expectListSettled(page);
  const table = page.getByRole("table", { name: "Applications" });
  const names = table.locator("tbody tr td:first-child");
  await expect(names).toHaveText(["Cherry orders", "apple billing", "Banana stock"]);

  // Labels: chips by key, a long value cut with the whole as its tooltip, the rest as "+N"; a screen reader hears them all.
  const apple = table.getByRole("row").filter({ hasText: "apple billing" });
  const chips = apple.locator(".label-chip");
  await expect(chips).toHaveText(["env: dev", "owner: a-very-long-team-name-th…", "region: eu-west-1, eu-central-1", "+1"]);
  await expect(chips.nth(1)).toHaveAttribute("title", "owner: a-very-long-team-name-that-goes-on-and-on-without-end");
  await expect(apple.locator(".label-chips .sr-only")).toHaveText(
    "env: dev; owner: a-very-long-team-name-that-goes-on-and-on-without-end; region: eu-west-1, eu-central-1; tier: 1",
  );
  await expect(table.getByRole("row").filter({ hasText: "Banana stock" }).locator("td").nth(2)).toHaveText("—");

  // By mouse: name, ascending then descending, kept in the URL.
  const nameHeader = table.getByRole("columnheader", { name: /Name/ });
  await expect(nameHeader).not.toHaveAttribute("aria-sort", /.+/);
  await nameHeader.getByRole("button").click();
  await expect(page).toHaveURL(/sort=NAME%3Aasc|sort=NAME:asc/);
  await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(names).toHaveText(["apple billing", "Banana stock", "Cherry orders"]);
  await expectNoSeriousA11yViolations(page);
  // At 375 px the labels are left to the object's page: the table fits its box, the row actions whole.
  await page.setViewportSize({ width: 375, height: 740 });
  expect(await page.locator(".table-wrap").evaluate((wrap) => wrap.scrollWidth - wrap.clientWidth)).toBeLessThanOrEqual(0);
  const unregister = apple.getByRole("button", { name: "Unregister apple billing" });
  await unregister.scrollIntoViewIfNeeded();
  await expect(unregister).toBeInViewport({ ratio: 1 });
  await expect(chips.first()).toBeHidden();
  await page.setViewportSize({ width: 1280, height: 800 });
  await screenshots(page, "applications-labels-sorted");
  await nameHeader.getByRole("button").click();
  await expect(nameHeader).toHaveAttribute("aria-sort", "descending");
  await expect(names).toHaveText(["Cherry orders", "Banana stock", "apple billing"]);

  // By keyboard: the Registered header, newest first on the second press.
  const registered = table.getByRole("columnheader", { name: /Registered/ });
  await registered.getByRole("button").focus();
  await page.keyboard.press("Enter");
  await expect(registered).toHaveAttribute("aria-sort", "ascending");
  await expect(nameHeader).not.toHaveAttribute("aria-sort", /.+/);
  await expect(names).toHaveText(["Cherry orders", "apple billing", "Banana stock"]);
  await page.keyboard.press("Enter");
  await expect(registered).toHaveAttribute("aria-sort", "descending");
  await expect(names).toHaveText(["Banana stock", "apple billing", "Cherry orders"]);
  // Back walks the sorts.
  await page.goBack();
  await expect(registered).toHaveAttribute("aria-sort", "ascending");

  // Runtimes: the same.
  await page.goto(`/tenants/${tenant.id}?tab=runtimes`);
  await expectListSettled(page);
  const runtimes = page.getByRole("table", { name: "Runtimes" });
  await expect(runtimes.locator("tbody tr td:first-child")).toHaveText(["zeta cluster", "Alpha cluster"]);
  await runtimes.getByRole("columnheader", { name: /Name/ }).getByRole("button").click();
  await expect(runtimes.locator("tbody tr td:first-child")).toHaveText(["Alpha cluster", "zeta cluster"]);
  // isNormalized is the label Compass's registerRuntime adds to every runtime.
  await expect(runtimes.getByRole("row").filter({ hasText: "Alpha cluster" }).locator(".label-chip")).toHaveText(["env: dev", "isNormalized: true", "zone: a"]);
  await page.setViewportSize({ width: 375, height: 740 });
  expect(await page.locator(".table-wrap").evaluate((wrap) => wrap.scrollWidth - wrap.clientWidth)).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "runtimes-labels-sorted");
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoSeriousA11yViolations(page);
  await screenshots(page, "runtimes-labels-sorted-dark");
});

test("the audit log at 375 px and 1280 px: every column fits, nothing is cut off, even beside a long name without spaces", async ({ page }) => {
  await signIn(page);
  // Long names and ids without spaces: the hardest rows to fit.
  await graphql(page.request, "mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { id } }", {
    in: { name: `Averyverylongintegrationsystemnamewithoutspaces${Date.now()}` },
  });
  const { createApiToken } = await graphql(page.request, `mutation { createApiToken(name: "audit-375", expiresInDays: 7) { apiToken { id } } }`);
  await graphql(page.request, "mutation($id: ID!) { revokeApiToken(id: $id) { id } }", { id: createApiToken.apiToken.id });
  for (const [scheme, width] of [
    ["light", 375],
    ["dark", 375],
    ["light", 1280],
  ] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width, height: 740 });
    await page.goto("/audit-log");
    await expectListSettled(page);
    const overflow = await page.evaluate(() => {
      const wrap = document.querySelector(".table-wrap") as HTMLElement;
      const box = wrap.getBoundingClientRect();
      const cut = [...wrap.querySelectorAll("td > *, td")]
        .filter((element) => (element as HTMLElement).offsetParent !== null)
        .filter((element) => element.getBoundingClientRect().right > box.right + 0.5 && wrap.scrollWidth <= wrap.clientWidth)
        .map((element) => element.textContent?.slice(0, 40));
      return { page: document.documentElement.scrollWidth, wrap: wrap.scrollWidth - wrap.clientWidth, cut };
    });
    // The page never scrolls sideways; the table fits its box (and would scroll in it if it did not).
    expect(overflow.page).toBeLessThanOrEqual(width);
    expect(overflow.wrap).toBeLessThanOrEqual(0);
    expect(overflow.cut).toEqual([]);
    await expect(page.locator("tbody tr").first().getByRole("link")).toBeInViewport();
    await expectNoSeriousA11yViolations(page);
  }
  await page.emulateMedia({ colorScheme: "light" });
  await screenshots(page, "audit-log");
  await page.emulateMedia({ colorScheme: "dark" });
  await screenshots(page, "audit-log-dark");
});

test("pictures: API tokens and Users, light and dark", async ({ page }) => {
  await signIn(page);
  await ensureViewer(page);
  await graphql(page.request, `mutation { createApiToken(name: "deploy pipeline", expiresInDays: 90) { apiToken { id } } }`);
  await graphql(page.request, `mutation { createApiToken(name: "read-only reports", readOnly: true) { apiToken { id } } }`);
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const suffix = scheme === "dark" ? "-dark" : "";
    await page.goto("/api-tokens");
    await expect(page.getByRole("row").filter({ hasText: "deploy pipeline" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await screenshots(page, `api-tokens${suffix}`);
    await page.goto("/users");
    await expect(page.getByRole("row").filter({ hasText: E2E_ADMIN.email })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await screenshots(page, `users${suffix}`);
  }
});
