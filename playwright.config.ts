import fs from "node:fs";
import { defineConfig } from "@playwright/test";
import { E2E_ADMIN } from "./e2e/admin";

// Air-gapped CI cannot download Playwright's browsers: use the system
// Chromium (CHROMIUM_PATH, then Debian's /usr/bin/chromium), and Playwright's
// own browser only where neither exists.
const chromium = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"].find((path) => path && fs.existsSync(path));

// Several clones may run their e2e servers side by side: each picks its own port.
const PORT = Number(process.env.E2E_PORT ?? 3400);

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  timeout: 30_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: "chromium",
    launchOptions: {
      ...(chromium ? { executablePath: chromium } : {}),
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    // A fresh embedded database for every run, served by the build `npm start`
    // runs (`npm run build` first, which the pages need anyway).
    command: "rm -rf .e2e-data && node dist/server.js",
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      NODE_ENV: "production",
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATABASE_URL: "file:./.e2e-data/compass.db",
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      LOG_LEVEL: "warn",
    },
  },
});
