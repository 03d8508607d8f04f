import { TOPICS } from "../lib/content/schema";
import { expect, test, type Page } from "./fixtures";

/** Pages in a PDF as Chromium writes it: one page object per printed page. */
async function printedPages(page: Page): Promise<number> {
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
  return pdf.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
}

test("a topic's cheat sheet opens from its study guide, in English and Chinese, with the engine's defaults filled in", async ({ page }) => {
  await page.goto("/topics/running-stats");
  await page.getByRole("link", { name: "Cheat sheet" }).click();
  await expect(page).toHaveURL(/\/topics\/running-stats\/cheatsheet$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Running statistics: cheat sheet");
  await expect(page).toHaveTitle("Running statistics: cheat sheet · BN Interview Prep");
  const sheet = page.locator(".cheat-sheet-body");
  // PyTorch's ε and Keras's momentum, as lib/bn has them.
  await expect(sheet.getByText("eps=1e-5").first()).toBeVisible();
  await expect(sheet.getByText("momentum=0.99").first()).toBeVisible();
  await expect(sheet.getByRole("heading", { name: "Traps", level: 2 })).toBeVisible();
  await expect(sheet.locator(".katex-display").first()).toBeVisible();

  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("滑动平均统计量：速查表");
  await page.reload();
  await expect(page).toHaveTitle("滑动平均统计量：速查表 · BN 面试备考");
  await expect(sheet.getByText("eps=1e-5").first()).toBeVisible();
  await expect(sheet.getByRole("heading", { name: "常见陷阱", level: 2 })).toBeVisible();
  await expect(page.getByRole("button", { name: "打印" })).toBeVisible();
});

test("printing a cheat sheet hides the site navigation and buttons and prints black on white, even in dark mode", async ({ page }) => {
  await page.goto("/topics/parameters/cheatsheet");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  // The Print button asks the browser to print.
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void (window as unknown as { printed: number }).printed++;
  });
  await page.getByRole("button", { name: "Print" }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  await page.emulateMedia({ media: "print", colorScheme: "dark" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(page.getByRole("link", { name: /Back to the study guide/ })).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const [text, background] = await page
    .locator(".cheat-sheet-body td")
    .first()
    .evaluate((cell) => [getComputedStyle(cell).color, getComputedStyle(document.body).backgroundColor]);
  expect([text, background]).toEqual(["rgb(0, 0, 0)", "rgb(255, 255, 255)"]);

  await page.emulateMedia({ media: "screen" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
});

test("every topic's cheat sheet prints on one A4 page, in both languages", async ({ page }) => {
  test.setTimeout(120_000);
  for (const lang of ["en", "zh"] as const) {
    if (lang === "zh") {
      await page.getByRole("button", { name: "中文" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    }
    for (const topic of TOPICS) {
      await page.goto(`/topics/${topic}/cheatsheet`);
      await expect(page.locator(".cheat-sheet-body")).toBeVisible();
      expect(await printedPages(page), `${topic} (${lang})`).toBe(1);
    }
  }
});

test("an unknown topic has no cheat sheet: a real 404", async ({ page }) => {
  expect((await page.goto("/topics/no-such-topic/cheatsheet"))?.status()).toBe(404);
});
