import { expect, test } from "./fixtures";
import { openStudy } from "./helpers";

test("the language switch changes the card text and the page chrome, and is remembered", async ({ page }) => {
  await openStudy(page);
  const question = page.getByTestId("study-card").locator(".card-prose").first();
  const english = await question.innerText();
  expect(english).toMatch(/[A-Za-z]{4,}/);

  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("button", { name: /显示答案/ })).toBeVisible();
  await expect(question).not.toHaveText(english);
  await expect(question).toHaveText(/[\u4e00-\u9fff]/);

  await page.reload();
  await expect(page.getByRole("link", { name: "卡片" })).toBeVisible();
  await page.getByRole("button", { name: "EN" }).click();
  await expect(question).toHaveText(english);
});

test("/cards finds a card by words that only its answer contains, and filters by topic", async ({ page }) => {
  await page.goto("/cards");
  const results = page.getByTestId("card-result");
  const total = await results.count();
  expect(total).toBeGreaterThanOrEqual(10);

  // Only bn-params-in-cnn's answer speaks of weight sharing at every spatial location.
  await page.getByRole("searchbox", { name: "Search" }).fill("weight sharing location");
  await page.getByRole("searchbox", { name: "Search" }).press("Enter");
  await expect(page).toHaveURL(/q=weight\+sharing\+location/);
  await expect(results).toHaveCount(1);
  await results.first().getByRole("link").click();
  await expect(page).toHaveURL(/\/cards\/bn-params-in-cnn$/);
  await expect(page.getByText("2 \\times 64 = 128", { exact: false }).first()).toBeAttached();
  // KaTeX ran on the server: the formula arrives as markup, and no KaTeX script is shipped.
  await expect(page.locator(".katex").first()).toBeVisible();

  await page.goto("/cards?topic=placement");
  await expect(results.first()).toBeVisible();
  expect(await results.count()).toBeLessThan(total);
  for (const result of await results.all()) await expect(result).toContainText("Where BN goes");
  await page.goto("/cards?q=zzzz-no-such-word");
  await expect(page.getByText("No card matches “zzzz-no-such-word”.")).toBeVisible();
});

test("a multiple-choice card's page shows its options, the right one marked and why the others are wrong", async ({ page }) => {
  await page.goto("/cards/mcq-bn2d-param-count");
  const options = page.getByTestId("mcq-reference").getByRole("listitem");
  await expect(options).toHaveCount(4);
  await expect(options.filter({ hasText: "✓ Correct" })).toHaveText(/128/);
  await expect(options.filter({ hasText: "batch size" })).toContainText("Why not");
});

test("an unknown card id is a 404 page, not a crash", async ({ page }) => {
  const response = await page.goto("/cards/no-such-card");
  expect(response?.status()).toBe(404);
  await expect(page.getByText("There is no card with that id.")).toBeVisible();
});

test("the study screen works on a phone with touch @phone", async ({ page }) => {
  await openStudy(page);
  const card = page.getByTestId("study-card");
  const id = (await card.getAttribute("data-card-id"))!;
  await page.getByRole("button", { name: /Show answer/ }).tap();
  await page.getByRole("button", { name: /Good/ }).tap();
  await expect(card).not.toHaveAttribute("data-card-id", id);
});

test("a topic reads as a study guide, with ways to study or quiz just that topic", async ({ page }) => {
  await page.goto("/topics");
  await page.getByRole("link", { name: "Counting parameters" }).click();
  await expect(page).toHaveURL(/\/topics\/parameters$/);
  await expect(page.getByRole("heading", { name: "Counting parameters", level: 1 })).toBeVisible();
  const ideas = page.getByRole("region", { name: "The ideas" }).getByTestId("guide-card");
  await expect(ideas.first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Practise" }).getByTestId("guide-card").first()).toBeVisible();
  await ideas.first().getByText("Answer", { exact: true }).click();
  await expect(ideas.first().getByText("Key points")).toBeVisible();

  await page.getByRole("button", { name: "Quiz this topic" }).click();
  await expect(page).toHaveURL(/\/quiz\/[A-Za-z0-9_-]+/);
  await expect(page.getByTestId("quiz-question")).toContainText("Counting parameters");

  await page.goto("/topics/parameters");
  await page.getByRole("link", { name: "Study this topic" }).click();
  await expect(page.getByRole("heading", { name: /Study · Counting parameters/ })).toBeVisible();

  expect((await page.goto("/topics/no-such-topic"))?.status()).toBe(404);
});
