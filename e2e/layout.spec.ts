import { expect, test, type Page } from "./fixtures";

// Nothing may make a page scroll sideways on a 390 px phone: long formulas and code wrap or scroll in their own
// box, long words (a source's file path) break.
const PAGES = ["/", "/study", "/quiz", "/topics", "/cards", "/calculator", "/calculator?calc=params", "/calculator?calc=fold", "/calculator?calc=rms", "/plan", "/lab", "/stats", "/settings", "/data", "/account", "/debates", "/quiz/history"];

async function overflow(page: Page): Promise<{ scrollWidth: number; culprit: string | null }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // Content may be wider than the phone inside a box that scrolls (or clips) on its own: a formula, code, a table.
    const inScroller = (element: Element | null) => {
      for (let parent = element; parent && parent !== document.body; parent = parent.parentElement) {
        if (/(auto|scroll|hidden|clip)/.test(getComputedStyle(parent).overflowX)) return true;
      }
      return false;
    };
    const describe = (element: Element) => `${element.tagName.toLowerCase()}.${element.className.toString().slice(0, 60)}: ${element.textContent?.slice(0, 60)}`;
    for (const element of document.body.querySelectorAll("*")) {
      const box = element.getBoundingClientRect();
      if (box.right > width + 1 && box.width > 0 && getComputedStyle(element).position !== "fixed" && !inScroller(element.parentElement)) {
        return { scrollWidth: document.documentElement.scrollWidth, culprit: describe(element) };
      }
    }
    // A long unbreakable word overflows as text, not as an element's box.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      if (range.getBoundingClientRect().right > width + 1 && !inScroller(node.parentElement)) {
        return { scrollWidth: document.documentElement.scrollWidth, culprit: `text in ${describe(node.parentElement!)}` };
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, culprit: null };
  });
}

test("@phone no page scrolls sideways at 390 px, the deck's cards included", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });
  const topics = await page.goto("/topics").then(() => page.locator('a[href^="/topics/"]').evaluateAll((links) => links.map((link) => link.getAttribute("href")!)));
  await page.goto("/cards");
  const cardPaths = await page.locator('a[href^="/cards/"]').evaluateAll((links) => [...new Set(links.map((link) => link.getAttribute("href")!))]);
  expect(cardPaths.length).toBeGreaterThan(100);
  for (const path of [...PAGES, ...new Set(topics), ...cardPaths]) {
    await page.goto(path);
    const { scrollWidth, culprit } = await overflow(page);
    expect({ path, scrollWidth, culprit }).toEqual({ path, scrollWidth: 390, culprit: null });
  }
});

test("@phone the header is one line on a phone; its menu reaches every page, /data included, and closes by itself", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  const header = page.getByRole("banner");
  expect((await header.boundingBox())!.height).toBeLessThanOrEqual(64);
  const menu = page.locator("summary", { hasText: "Menu" });
  await menu.focus();
  await page.keyboard.press("Enter");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of ["Study", "Quiz", "Topics", "Cards", "Calculator", "Lab", "Statistics", "Your data", "Settings", "Keep my progress"]) {
    await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
  }
  await page.keyboard.press("Escape");
  await expect(nav.getByRole("link", { name: "Your data" })).toBeHidden();
  await expect(menu).toBeFocused();
  await page.keyboard.press("Enter");
  await nav.getByRole("link", { name: "Your data" }).click();
  await expect(page).toHaveURL(/\/data$/);
  await expect(nav.getByRole("link", { name: "Settings" })).toBeHidden();
  expect((await header.boundingBox())!.height).toBeLessThanOrEqual(64);
});

test("the desktop header links every page, /data included", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Your data" }).click();
  await expect(page).toHaveURL(/\/data$/);
  await expect(nav.getByRole("link", { name: "Your data" })).toHaveAttribute("aria-current", "page");
});

test("@phone each line of the calculator's working keeps its result in view at 390 px, even for a batch of six", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/calculator?shape=6,1&x=1.5,-2.25,3.125,4.5,-5.75,6.375");
  const lines = page.getByTestId("working-line");
  await lines.first().scrollIntoViewIfNeeded();
  await expect(lines.first().locator(".katex")).toBeVisible();
  expect(await lines.count()).toBeGreaterThanOrEqual(7);
  for (const line of await lines.all()) {
    await line.scrollIntoViewIfNeeded();
    await expect(line.locator(".katex")).toBeVisible();
    // The last number KaTeX drew is the line's result; it must sit inside the formula's box, not scrolled away.
    const [result, box] = await line.evaluate((element) => {
      const numbers = [...element.querySelectorAll(".katex-html .mord")].filter((mord) => /\d/.test(mord.textContent ?? "") && mord.children.length === 0);
      const last = numbers.at(-1)!.getBoundingClientRect();
      const formula = element.querySelector(".katex")!.parentElement!.getBoundingClientRect();
      return [last.right, formula.right];
    });
    expect(result, await line.locator("span").first().innerText()).toBeLessThanOrEqual(box + 1);
  }
});
