import { expect, test } from "./fixtures";
import { openStudy, revealAnswer } from "./helpers";

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

test("a debated card's marker leads to the competing explanations and their sources, in both languages", async ({ page }) => {
  await page.goto("/cards/why-use-bn");
  await page.getByRole("link", { name: "Debated: see the competing explanations" }).click();
  await expect(page).toHaveURL(/\/debates#why-use-bn$/);
  const debate = page.getByRole("region", { name: "Why does BatchNorm make training faster and more stable?" });
  const explanations = debate.getByTestId("explanations").getByRole("listitem").filter({ has: page.locator("p") });
  await expect(explanations).toHaveCount(6);
  await expect(explanations.nth(1)).toContainText("It makes the optimization landscape smoother.");
  await expect(explanations.nth(1)).toContainText("Santurkar, Tsipras, Ilyas & Madry 2018");
  await expect(explanations.nth(2)).toContainText("Bjorck, Gomes, Selman & Weinberger 2018");
  // The learner lands on the card they came from, marked.
  const entry = page.locator("#why-use-bn");
  await expect(entry).toBeInViewport();
  expect(await entry.evaluate((element) => element.matches(":target"))).toBe(true);
  await expect(page.locator("#bn-params-in-cnn")).toHaveCount(0);

  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { name: "为什么 BatchNorm 能让训练更快、更稳定？" })).toBeVisible();
  await page.goto("/cards/why-bn-regularizes");
  await page.getByRole("link", { name: "有争议：查看相互竞争的解释" }).click();
  await expect(page.getByRole("region", { name: "BatchNorm 为什么有正则化作用？作用有多大？" }).getByText("Luo, Wang, Shao & Peng 2019", { exact: false })).toBeVisible();
  await page.getByRole("button", { name: "EN" }).click();
});

test("a card's page says its answer in 30 seconds, collapsed until asked, in either language", async ({ page }) => {
  await page.goto("/cards/bn-params-in-cnn");
  const spoken = page.getByTestId("spoken-answer");
  const text = spoken.getByText(/In a CNN, BN treats each channel as one feature/);
  await expect(spoken.getByText("Say it in 30 seconds")).toBeVisible();
  await expect(text).toBeHidden();
  await spoken.getByText("Say it in 30 seconds").click();
  await expect(text).toBeVisible();
  await expect(spoken.locator(".katex")).toHaveCount(0);

  await page.getByRole("button", { name: "中文" }).click();
  await expect(spoken.getByText("30 秒口述版")).toBeVisible();
  await page.reload();
  await expect(spoken.getByText(/在 CNN 里，BN 把每个通道当作一个特征/)).toBeHidden();
  await spoken.getByText("30 秒口述版").click();
  await expect(spoken.getByText(/在 CNN 里，BN 把每个通道当作一个特征/)).toBeVisible();
});

test("the study screen's revealed answer offers the spoken version, for answered and explained cards alike", async ({ page }) => {
  await openStudy(page);
  const card = page.getByTestId("study-card");
  for (let i = 0; i < 2; i++) {
    const id = (await card.getAttribute("data-card-id"))!;
    await expect(card.getByTestId("spoken-answer")).toHaveCount(0);
    await revealAnswer(page);
    const spoken = page.getByRole("region", { name: "Answer" }).getByTestId("spoken-answer");
    // Enter on the disclosure opens it rather than acting as the study screen's "show answer" key.
    await spoken.locator("summary").focus();
    await page.keyboard.press("Enter");
    await expect(spoken.locator(".card-prose")).toHaveText(/^(?:\S+\s+){60,}\S+$/);
    await page.keyboard.press("3");
    await expect(card).not.toHaveAttribute("data-card-id", id);
  }
});

test("browser tab titles follow the language, and a card's tab says what it asks", async ({ page }) => {
  await page.goto("/cards/bn-params-in-cnn");
  await expect(page).toHaveTitle("BN normalizes each neuron separately. How is it applied in… · BN Interview Prep");
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page).toHaveTitle("BN 是对每个神经元单独归一化的，那在 CNN 里怎么用？参数会不会非常多？ · BN 面试备考");
  for (const [path, title] of [
    ["/study", "学习 · BN 面试备考"],
    ["/stats", "统计 · BN 面试备考"],
    ["/calculator", "BatchNorm 计算器 · BN 面试备考"],
    ["/settings", "设置 · BN 面试备考"],
    ["/", "BN 面试备考"],
  ]) {
    await page.goto(path!);
    await expect(page).toHaveTitle(title!);
  }
  await page.getByRole("button", { name: "EN" }).click();
  await expect(page).toHaveTitle("BN Interview Prep");
});
