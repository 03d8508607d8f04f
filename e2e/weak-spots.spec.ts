import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./fixtures";
import { e2eDatabaseUrl, engine, sql } from "./servers";

/** A time as the app's tables store it on this run's engine (lib/db/sqlite.ts, lib/db/postgres.ts). */
const sqlTime = (date: Date) => (engine === "sqlite" ? date.toISOString().replace("Z", "+00:00") : date.toISOString().replace("T", " ").replace("Z", ""));

/** Puts a question's first showing `seconds` into the past, as if it had been on screen that long. */
async function shownSecondsAgo(quizId: string, position: number, seconds: number) {
  await sql(e2eDatabaseUrl(), `UPDATE "QuizQuestion" SET "shownAt" = $3 WHERE "quizId" = $1 AND "position" = $2`, [
    quizId,
    position,
    sqlTime(new Date(Date.now() - seconds * 1000)),
  ]);
}

async function expectAxeClean(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(" ")} — ${v.help}`), what).toEqual([]);
}

async function expectNoSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

test("an explain answer is graded by ticking its key points; the result shows the ticks and times, only the mistakes on request, and drills a weak topic", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto("/quiz");
  const created = await page.request.post("/api/quizzes", { data: { mode: "custom", topics: ["placement", "regularization"], types: ["concept"], count: 5 } });
  expect(created.status()).toBe(201);
  const { id, questions } = await created.json();
  expect(questions).toBe(4);
  await page.goto(`/quiz/${id}`);

  const checklist = page.getByTestId("key-point-checklist");
  const boxes = checklist.getByRole("checkbox");
  let placementSeen = 0;
  for (let n = 1; n <= questions; n++) {
    await expect(page.getByRole("heading", { name: `Question ${n} of ${questions}` })).toBeFocused();
    const placement = (await page.getByTestId("question-topic").innerText()) === "Where BN goes";
    if (n === 1) await page.getByLabel("Your answer").fill("It goes after the conv, before the ReLU.");
    // By keyboard: the button shows the model answer and focus moves to it; Tab reaches the first key point.
    await page.getByRole("button", { name: "Show model answer" }).press("Enter");
    await expect(page.getByRole("region", { name: "Answer" })).toBeFocused();
    const total = await boxes.count();
    expect(total).toBeGreaterThanOrEqual(2);
    const suggestion = page.getByTestId("tick-suggestion");
    await expect(suggestion).toHaveText(`Suggested from your ticks: Wrong (0 of ${total} key points)`);

    if (!placement) {
      for (const box of await boxes.all()) await box.check();
      await expect(suggestion).toHaveText(`Suggested from your ticks: Right (${total} of ${total} key points)`);
      await expect(page.getByRole("button", { name: "Right", exact: true })).toHaveAttribute("data-suggested", "true");
      await page.getByRole("button", { name: "Right", exact: true }).click();
      await expect(page.getByTestId("outcome")).toHaveText("Correct");
    } else {
      placementSeen += 1;
      if (placementSeen === 1) {
        await page.keyboard.press("Tab");
        await expect(boxes.first()).toBeFocused();
        await page.keyboard.press("Space");
        await expect(boxes.first()).toBeChecked();
        await expect(suggestion).toHaveText(`Suggested from your ticks: Partly (1 of ${total} key points)`);
        await expect(page.getByRole("button", { name: "Partly", exact: true })).toHaveAttribute("data-suggested", "true");
      }
      // The learner has the last word: Wrong, whatever the ticks suggest.
      await page.getByRole("button", { name: "Wrong", exact: true }).click();
      await expect(page.getByTestId("outcome")).toHaveText("Not quite");
    }
    await page.getByRole("button", { name: n === questions ? "See result" : "Next question" }).click();
  }

  await expect(page).toHaveURL(new RegExp(`/quiz/${id}/result$`));
  await expect(page.getByTestId("quiz-score")).toHaveText("2 / 4");
  const results = page.getByTestId("result-question");
  await expect(results).toHaveCount(4);
  // Every answer shows its time; a quiz without a clock has no overtime.
  await expect(page.getByTestId("question-time")).toHaveCount(4);
  await expect(page.getByTestId("overtime")).toHaveCount(0);
  // The ticks are kept with each answer: all of a right one's key points covered, one of the first placement answer's.
  const right = page.locator('[data-testid="result-question"][data-outcome="right"]');
  await expect(right.first().getByTestId("covered-key-points")).toContainText(/(\d) of \1 key points covered/);
  await expect(page.getByTestId("covered-key-points").filter({ hasText: /(^|\D)1 of \d key points covered/ })).toHaveCount(1);

  // Weak spots: placement scored 0 of 2, below the threshold; regularisation 2 of 2 is not one.
  const weak = page.getByTestId("weak-topic");
  await expect(weak).toHaveCount(1);
  await expect(weak).toContainText("Where BN goes 0 of 2");
  await expectAxeClean(page, "the quiz result");

  await page.getByRole("link", { name: "Wrong or partly right (2)" }).click();
  await expect(page).toHaveURL(/\?show=mistakes$/);
  await expect(results).toHaveCount(2);
  for (const result of await results.all()) await expect(result).toHaveAttribute("data-outcome", "wrong");
  await page.getByRole("link", { name: "All (4)" }).click();
  await expect(results).toHaveCount(4);

  await page.getByRole("button", { name: "Drill this topic: Where BN goes" }).click();
  // A new quiz of that topic (placement has fewer than 10 cards: the quiz says so).
  await expect(page).toHaveURL(/\/quiz\/[A-Za-z0-9_-]+\?asked=10$/);
  expect(page.url()).not.toContain(id);
  await expect(page.getByTestId("question-topic")).toHaveText("Where BN goes");
});

test("an interview question's clock goes on from its first showing, across a reload, Back and another device; the result marks the overtime", async ({
  page,
  browser,
}) => {
  await page.goto("/quiz");
  await page.getByRole("button", { name: "Start an interview" }).click();
  await expect(page.getByRole("heading", { name: "Question 1 of 10" })).toBeFocused();
  const id = new URL(page.url()).pathname.split("/")[2]!;
  const timer = page.getByTestId("timer");
  await expect(timer).toHaveText(/^1:(30|29|28)/);

  // First shown 100 s ago: past the interview's 90 s, wherever the question is opened again.
  await shownSecondsAgo(id, 0, 100);
  await page.reload();
  await expect(timer).toHaveText(/^0:00/);
  await expect(page.getByText("Time is up: answer when ready.")).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calculator" }).click();
  await expect(page).toHaveURL(/\/calculator$/);
  await page.goBack();
  await expect(page.getByRole("heading", { name: "Question 1 of 10" })).toBeVisible();
  await expect(timer).toHaveText(/^0:00/);
  const other = await browser.newContext({ storageState: await page.context().storageState() });
  const device = await other.newPage();
  await device.goto(`/quiz/${id}`);
  await expect(device.getByTestId("timer")).toHaveText(/^0:00/);
  await other.close();

  const article = page.getByTestId("quiz-question");
  const kind = await article.getAttribute("data-kind");
  if (kind === "concept") {
    await page.getByRole("button", { name: "Show model answer" }).click();
    await page.getByRole("button", { name: "Partly", exact: true }).click();
  } else {
    if (kind === "numeric") await page.getByLabel("Your answer").fill("0");
    else await page.getByTestId("mcq-option").first().locator("input").check();
    await page.getByRole("button", { name: "Check answer" }).click();
  }
  await page.getByRole("button", { name: "Next question" }).click();
  await expect(page.getByRole("heading", { name: "Question 2 of 10" })).toBeFocused();
  // Question 2 was first shown 40 s ago: the clock continues from there, not from 1:30.
  await shownSecondsAgo(id, 1, 40);
  await page.reload();
  await expect(timer).toHaveText(/^0:(50|49|48)$/);

  await page.goto("/quiz");
  await page.getByRole("button", { name: "Abandon" }).click();
  await expect(page.getByTestId("unfinished-quiz")).toHaveCount(0);
  await page.goto(`/quiz/${id}/result`);
  const first = page.getByTestId("result-question").first();
  await expect(first.getByTestId("question-time")).toHaveAttribute("data-overtime", "true");
  await expect(first.getByTestId("question-time")).toContainText(/Time taken: 1:4\d/);
  await expect(first.getByTestId("overtime")).toContainText("Over time: 90 s allowed");
  await expect(page.getByTestId("result-question").nth(1).getByTestId("question-time")).toHaveCount(0);
});

test("@phone in Chinese on a phone: key points ticked by touch, a weak topic drilled in one tap, options that wrap keep their radio buttons; axe clean, nothing scrolls sideways", async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await context.addCookies([{ name: "bn_lang", value: "zh", url: new URL(page.url()).origin }]);
  const created = await page.request.post("/api/quizzes", { data: { mode: "custom", topics: ["placement"], types: ["concept"], count: 5 } });
  const { id, questions } = await created.json();
  expect(questions).toBe(2);
  await page.goto(`/quiz/${id}`);

  for (let n = 1; n <= questions; n++) {
    await expect(page.getByRole("heading", { name: `第 ${n} 题，共 ${questions} 题` })).toBeFocused();
    await page.getByRole("button", { name: "显示参考答案" }).tap();
    const boxes = page.getByTestId("key-point-checklist").getByRole("checkbox");
    const total = await boxes.count();
    await boxes.first().tap();
    await expect(boxes.first()).toBeChecked();
    await expect(page.getByTestId("tick-suggestion")).toHaveText(`根据勾选建议：部分正确（要点 1/${total}）`);
    if (n === 1) {
      await expectAxeClean(page, "an explain question with its key points, in Chinese on a phone");
      await expectNoSidewaysScroll(page);
    }
    await page.getByRole("button", { name: "错误", exact: true }).tap();
    await page.getByRole("button", { name: n === questions ? "查看结果" : "下一题" }).tap();
  }

  await expect(page.getByTestId("weak-topic")).toContainText("BN 的位置");
  await expect(page.getByTestId("covered-key-points").first()).toContainText(/覆盖了 1\/\d 个要点/);
  await expectAxeClean(page, "the quiz result in Chinese on a phone");
  await expectNoSidewaysScroll(page);
  await page.getByRole("button", { name: "专项练习这个主题：BN 的位置" }).tap();
  await expect(page.getByTestId("question-topic")).toHaveText("BN 的位置");

  // The numeric answer's placeholder fits its box in Chinese too.
  const numeric = await page.request.post("/api/quizzes", { data: { mode: "custom", topics: ["parameters"], types: ["numeric"], count: 5 } });
  await page.goto(`/quiz/${(await numeric.json()).id}`);
  const fits = await page.getByLabel("你的答案").evaluate((input: HTMLInputElement) => {
    const style = getComputedStyle(input);
    const context = document.createElement("canvas").getContext("2d")!;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    return context.measureText(input.placeholder).width <= input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  });
  expect(fits, "the placeholder fits").toBe(true);

  // Options that wrap to several lines keep full-size radio buttons.
  const mcq = await page.request.post("/api/quizzes", { data: { mode: "custom", topics: ["placement"], types: ["mcq"], count: 5 } });
  await page.goto(`/quiz/${(await mcq.json()).id}`);
  const options = page.getByTestId("mcq-option");
  await expect(options.first()).toBeVisible();
  const sizes = await options.evaluateAll((elements) =>
    elements.map((element) => ({ input: element.querySelector("input")!.getBoundingClientRect().width, height: element.getBoundingClientRect().height })),
  );
  expect(Math.max(...sizes.map((size) => size.height)), "an option wraps to two lines or more").toBeGreaterThan(70);
  expect(sizes.map((size) => size.input)).toEqual(sizes.map(() => 16));
  await expectNoSidewaysScroll(page);
});
