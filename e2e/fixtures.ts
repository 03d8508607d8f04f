import { expect, request, test as base, type Browser, type BrowserContext } from "@playwright/test";

/**
 * The suite's `test`: every browser context a test opens (its own, and those from browser.newContext) is
 * watched, and the test fails if the browser reported a Content-Security-Policy violation, so no page quietly
 * loses a script, a worker, a chart or a formula to the policy.
 */
const violations: string[] = [];

function watch(context: BrowserContext) {
  // The browser logs what the policy blocked to the console; the page event also catches what it does not log.
  context.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(`${message.location().url}: ${message.text()}`);
  });
  void context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`);
    });
  });
}

export const test = base.extend<{ cspWatch: void }, { browser: Browser }>({
  browser: [
    async ({ browser }, provide) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const context = await newContext(options);
        watch(context);
        return context;
      };
      await provide(browser);
    },
    { scope: "worker" },
  ],
  context: async ({ context }, provide) => {
    watch(context);
    await provide(context);
  },
  cspWatch: [
    // Playwright reads a fixture's dependencies from its destructuring pattern: this one has none.
    async ({}, provide) => {
      violations.length = 0;
      await provide();
      expect(violations, "Content-Security-Policy violations reported by the browser").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect, request };
export type { APIRequestContext, Page } from "@playwright/test";
