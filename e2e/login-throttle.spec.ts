import { expect, screenshots, test } from "./fixtures";

// Its own account, so the throttle it provokes (per account) holds up no other spec.
const GUESSED = "throttle-e2e@example.com";

test("repeated wrong passwords are slowed down, and the form says how long to wait", async ({ loginPage, page }) => {
  await loginPage.goto();
  // 5 failures are free; from the 6th on each one doubles the wait (1 s, 2 s, ...), so a 429 comes within a few tries.
  let status = 0;
  for (let attempt = 0; attempt < 10 && status !== 429; attempt++) {
    const answered = page.waitForResponse((response) => response.url().endsWith("/api/auth/login"));
    await loginPage.signIn(GUESSED, `wrong ${attempt}`);
    const response = await answered;
    status = response.status();
    if (status === 429) expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
  }
  expect(status).toBe(429);
  await expect(loginPage.alert()).toHaveText(/^Too many failed sign-in attempts\. Wait \d+ seconds?, then try again\.$/);
  await screenshots(page, "login-throttled");
});
