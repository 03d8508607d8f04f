import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// One production build serves both runs of the suite: on SQLite (the default) and, under
// scripts/with-postgres.ts, on PostgreSQL (DATABASE_URL names it). `npm run test:e2e` builds first.
const postgres = process.env.DATABASE_URL?.startsWith("postgres") ?? false;
const port = Number(process.env.E2E_PORT ?? 3100);
// WebAuthn refuses an IP address as the relying party: passkey tests need a host name.
const baseURL = `http://localhost:${port}`;
// Playwright cannot download its own browser on machines without internet; Debian's Chromium stands in there.
const systemChromium = "/usr/bin/chromium";
const launchOptions = existsSync(systemChromium)
  ? {
      executablePath: systemChromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }
  : {};

export default defineConfig({
  testDir: "e2e",
  forbidOnly: true,
  retries: 0,
  workers: 2,
  reporter: [["list"]],
  timeout: 60_000,
  use: { baseURL, trace: "retain-on-failure" },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions }, grepInvert: /@phone|@instances/ },
    { name: "phone", use: { ...devices["Pixel 7"], launchOptions }, grep: /@phone/ },
    // Several app instances sharing one database: a PostgreSQL deployment's concern, run on PostgreSQL.
    ...(postgres ? [{ name: "instances", grep: /@instances/ }] : []),
  ],
  webServer: {
    // The build the run made, on its own fresh database, served as in production.
    command: postgres ? "npm run --silent serve" : "tsx scripts/remove-database.ts && npm run --silent serve",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "pipe",
    env: {
      DATABASE_URL: postgres ? process.env.DATABASE_URL! : "file:./data/e2e.db",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
