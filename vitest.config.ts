import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // The real package throws outside React Server Components; in unit tests it has nothing to guard.
      "server-only": fileURLToPath(new URL("./lib/testing/empty-module.ts", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "prisma/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    setupFiles: ["lib/testing/setup-db.ts"],
    globalSetup: ["lib/testing/global-setup.ts"],
    // Several tests load the real deck (about 80 cards through KaTeX and every numeric template's checks).
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
