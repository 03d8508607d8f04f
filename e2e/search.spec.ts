import AxeBuilder from "@axe-core/playwright";
import fc from "fast-check";
import { expect, test } from "./fixtures";

async function axeViolations(page: import("@playwright/test").Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(" ")} — ${v.help}`);
}

const marks = (page: import("@playwright/test").Page) => page.getByTestId("card-result").locator("mark");

test("searching the deck in English: / jumps to the box, matches are marked, the address keeps the search", async ({ page }) => {
  await page.goto("/cards");
  const box = page.getByRole("searchbox", { name: "Search" });
  await page.locator("body").press("/");
  await expect(box).toBeFocused();
  await box.fill("GroupNorm");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/cards\?q=GroupNorm$/);
  const first = page.getByTestId("card-result").first();
  await expect(first.getByRole("link").locator("mark").first()).toHaveText(/^(GroupNorm|Group Normalization)$/);
  await expect(page.getByTestId("did-you-mean").getByRole("link")).toHaveText("group normalization");
  // The search replaced the results only: the box kept its text and the focus, ready for the next words.
  await expect(box).toBeFocused();
  await expect(box).toHaveValue("GroupNorm");
  await page.goBack();
  await expect(page).toHaveURL(/\/cards$/);
  await expect(box).toHaveValue("");
  await expect(marks(page)).toHaveCount(0);
});

test("in Chinese, 移动平均 finds the cards that say 滑动平均, marked, and links the deck's own term", async ({ page }) => {
  await page.goto("/cards");
  await page.getByRole("button", { name: "中文" }).click();
  const box = page.getByRole("searchbox", { name: "搜索" });
  await box.fill("移动平均");
  await box.press("Enter");
  await expect(page).toHaveURL(/q=%E7%A7%BB%E5%8A%A8%E5%B9%B3%E5%9D%87/);
  await expect(page.getByTestId("result-count")).toHaveText(/^\d+ 张卡片$/);
  expect(await page.getByTestId("card-result").count()).toBeGreaterThanOrEqual(10);
  await expect(marks(page).filter({ hasText: /^滑动平均$/ }).first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByTestId("did-you-mean").getByRole("link", { name: "滑动平均" }).click();
  await expect(page).toHaveURL(/q=%E6%BB%91%E5%8A%A8%E5%B9%B3%E5%9D%87/);
  await expect(box).toHaveValue("滑动平均");
  await expect(page.getByTestId("did-you-mean")).toHaveCount(0);
});

test("a near miss gets no silence: the glossary term closest to it is one click away", async ({ page }) => {
  await page.goto("/cards?q=runing+mean");
  const empty = page.getByTestId("no-results");
  await expect(empty).toContainText("No card matches “runing mean”.");
  await empty.getByRole("link", { name: "running mean" }).click();
  await expect(page).toHaveURL(/q=running\+mean$/);
  await expect(page.getByTestId("no-results")).toHaveCount(0);
  await expect(page.getByTestId("card-result").first().locator("mark").first()).toHaveText(/^(running_mean|running mean|moving_mean)$/i);
});

test("search on a phone: marked results, nothing wider than the screen @phone", async ({ page }) => {
  await page.goto("/cards");
  await page.getByRole("searchbox", { name: "Search" }).fill("running var");
  await page.getByRole("button", { name: "Filter" }).tap();
  await expect(page).toHaveURL(/q=running\+var$/);
  await expect(marks(page).first()).toBeVisible();
  await expect(page.getByTestId("card-snippet").first()).toBeVisible();
  const [scrollWidth, clientWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  expect(await axeViolations(page)).toEqual([]);
});

test("no search text gives a server error", async ({ request }) => {
  const syntax = fc.constantFrom('"', "*", "NEAR(", ")", "OR", "AND", "NOT", ":", "-", "&", "|", "!", "<->", "'", "\\", "%", "滑动", "𝔹");
  const query = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 20 }), fc.array(syntax, { maxLength: 6 }).map((parts) => parts.join("")));
  for (const q of fc.sample(query, { numRuns: 25, seed: 12 })) {
    const response = await request.get(`/cards?${new URLSearchParams({ q, topic: "nonsense" })}`);
    expect(response.status(), JSON.stringify(q)).toBe(200);
  }
});
