import { expect, test } from "./fixtures";

/** The test's own arithmetic for two numeric cards of the "Counting parameters" topic; null for the others. */
function rightAnswer(cardId: string, question: string): string | null {
  if (cardId === "numeric-bn2d-params") return String(2 * Number(/BatchNorm2d\((\d+)\)/.exec(question)![1]));
  if (cardId === "numeric-keras-bn-summary-params") return String(4 * Number(/Dense\((\d+)\)/.exec(question)![1]));
  return null;
}

test("a quiz: fewer questions than asked is said, a numeric answer right, an mcq wrong, a reload resumes, the result explains", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await page.goto("/quiz");
  const topics = page.getByRole("group", { name: "Topics" });
  for (const box of await topics.getByRole("checkbox").all()) await box.uncheck();
  await topics.getByRole("checkbox", { name: "Counting parameters" }).check();
  await page.getByRole("group", { name: "Question types" }).getByRole("checkbox", { name: "Explain (self-graded)" }).uncheck();
  await page.getByRole("radio", { name: "20" }).check();
  await page.getByRole("button", { name: "Start quiz" }).click();

  await expect(page).toHaveURL(/\/quiz\/[A-Za-z0-9_-]+\?asked=20$/);
  const note = (await page.getByRole("note").innerText()).trim();
  const total = Number(/^Only (\d+) questions match; the quiz has \1 instead of 20\.$/.exec(note)?.[1]);
  expect(total).toBeGreaterThanOrEqual(3);
  const quizUrl = new URL(page.url()).pathname;
  const article = page.getByTestId("quiz-question");
  const outcomes: string[] = [];
  let calculatorLink = "";
  let expectedParams = "";

  for (let n = 1; n <= total; n++) {
    // The question takes focus once it is interactive, so a screen reader starts there.
    await expect(page.getByRole("heading", { name: `Question ${n} of ${total}` })).toBeFocused();
    if (n === 2) {
      await page.reload();
      await expect(page.getByRole("heading", { name: `Question 2 of ${total}` })).toBeFocused();
    }
    const kind = await article.getAttribute("data-kind");
    const cardId = (await article.getAttribute("data-card-id"))!;
    if (kind === "numeric") {
      const answer = page.getByLabel("Your answer");
      await answer.fill("about a hundred");
      await page.getByRole("button", { name: "Check answer" }).click();
      await expect(page.getByText("That is not a number")).toBeVisible();
      await expect(answer).toHaveAttribute("aria-invalid", "true");
      const right = rightAnswer(cardId, await article.innerText());
      await answer.fill(right ?? "0");
      await page.getByRole("button", { name: "Check answer" }).click();
      if (right) {
        await expect(page.getByTestId("outcome")).toHaveText("Correct");
        await expect(page.getByTestId("expected-value")).toHaveText(right);
        await expect(page.getByTestId("given-value")).toHaveText(right);
      }
      if (cardId === "numeric-bn2d-params") {
        calculatorLink = (await page.getByRole("link", { name: "Open in calculator with these numbers" }).getAttribute("href"))!;
        expectedParams = right!;
      }
    } else {
      const option = page.getByTestId("mcq-option");
      const misconception = cardId === "mcq-bn2d-param-count" ? option.filter({ hasText: "batch size" }) : option.first();
      await misconception.locator("input").check();
      await page.getByRole("button", { name: "Check answer" }).click();
      await expect(page.locator('[data-testid="mcq-option"][data-correct="true"]').first()).toBeVisible();
      if (cardId === "mcq-bn2d-param-count") {
        await expect(page.getByTestId("outcome")).toHaveText("Not quite");
        await expect(misconception).toContainText("Why not");
        await expect(page.locator('[data-testid="mcq-option"][data-correct="true"]')).toHaveCount(1);
      }
    }
    outcomes.push((await page.getByTestId("outcome").innerText()).trim());
    await page.getByRole("button", { name: n === total ? "See result" : "Next question" }).click();
  }
  expect(calculatorLink).toMatch(/^\/calculator\?/);

  await expect(page).toHaveURL(new RegExp(`${quizUrl}/result$`));
  const right = outcomes.filter((outcome) => outcome === "Correct").length;
  await expect(page.getByTestId("quiz-score")).toHaveText(`${right} / ${total}`);
  await expect(page.getByTestId("result-question")).toHaveCount(total);
  await expect(page.locator('[data-testid="result-question"][data-outcome="wrong"]').first()).toContainText(/Why not|Right value/);
  await expect(page.locator('[data-testid="result-question"][data-outcome="right"]').first()).toBeVisible();

  // Each answer fed the card's schedule; the learner can change that grade.
  const grade = page.getByLabel("Grade for your schedule").first();
  await expect(grade).toHaveValue(/[13]/);
  await grade.selectOption("4");
  await expect(page.getByText("Saved", { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Grade for your schedule").first()).toHaveValue("4");

  // The calculator opens with exactly this question's numbers.
  await page.goto(calculatorLink);
  await expect(page.getByTestId("count-trainable")).toHaveText(expectedParams);

  // The quiz is over: a replayed answer is refused and changes nothing.
  const answers = `/api/quizzes${quizUrl.replace("/quiz", "")}/answers`;
  const replay = await page.request.post(answers, { data: { position: 0, response: { kind: "numeric", text: "1" } } });
  expect(replay.status()).toBe(409);
  expect((await replay.json()).error.code).toBe("quiz_finished");

  // Another learner can neither see nor answer it.
  const other = await browser.newContext();
  const stranger = await other.newPage();
  const response = await stranger.goto(`${quizUrl}/result`);
  expect(response?.status()).toBe(404);
  await expect(stranger.getByText("There is no such quiz.")).toBeVisible();
  await stranger.goto("/quiz/history");
  await expect(stranger.getByText("No quizzes yet.")).toBeVisible();
  const foreign = await stranger.request.post(answers, { data: { position: 0, response: { kind: "numeric", text: "1" } } });
  expect(foreign.status()).toBe(404);
  await other.close();

  await page.goto("/quiz/history");
  await expect(page.getByTestId("quiz-history").locator("tbody tr")).toHaveCount(1);
  await expect(page.getByTestId("quiz-history")).toContainText(`${right} / ${total}`);
});

test("an unfinished quiz can be resumed from /quiz or abandoned; interview mode shows a clock", async ({ page }) => {
  await page.goto("/quiz");
  await page.getByRole("button", { name: "Start an interview" }).click();
  await expect(page.getByRole("heading", { name: "Question 1 of 10" })).toBeVisible();
  await expect(page.getByTestId("timer")).toHaveText(/^1:(30|29|28)/);

  await page.goto("/quiz");
  await expect(page.getByTestId("unfinished-quiz")).toContainText("0 of 10 answered.");
  await page.getByRole("link", { name: "Resume" }).click();
  await expect(page.getByRole("heading", { name: "Question 1 of 10" })).toBeVisible();

  await page.goto("/quiz");
  await page.getByRole("button", { name: "Abandon" }).click();
  await expect(page.getByTestId("unfinished-quiz")).toHaveCount(0);
});

test("the quiz API validates its input", async ({ page }) => {
  await page.goto("/quiz");
  const bad = await page.request.post("/api/quizzes", { data: { mode: "custom", topics: ["nope"], count: 5 } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.path).toEqual(["topics", 0]);
  const created = await page.request.post("/api/quizzes", { data: { mode: "custom", types: ["concept"], count: 5 } });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  const unknown = await page.request.post(`/api/quizzes/${id}/answers`, { data: { position: 99, response: { kind: "self", outcome: "right" } } });
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error.code).toBe("unknown_question");
  const first = await page.request.post(`/api/quizzes/${id}/answers`, { data: { position: 0, response: { kind: "self", outcome: "partly" } } });
  expect(first.status()).toBe(201);
  expect(await first.json()).toMatchObject({ outcome: "partly", rating: 2 });
  const again = await page.request.post(`/api/quizzes/${id}/answers`, { data: { position: 0, response: { kind: "self", outcome: "right" } } });
  expect(again.status()).toBe(409);
  expect((await again.json()).error.code).toBe("already_answered");
});

test("the calculator opens beside the quiz, and a stale quiz page shows the real current question by itself", async ({ page }) => {
  await page.goto("/quiz");
  const created = await page.request.post("/api/quizzes", { data: { mode: "custom", topics: ["parameters"], types: ["numeric"], count: 5 } });
  expect(created.status()).toBe(201);
  const { id, questions } = await created.json();
  expect(questions).toBeGreaterThanOrEqual(4);
  await page.goto(`/quiz/${id}`);
  const heading = (n: number) => page.getByRole("heading", { name: `Question ${n} of ${questions}` });

  await expect(heading(1)).toBeFocused();
  await page.getByLabel("Your answer").fill("0");
  await page.getByRole("button", { name: "Check answer" }).click();
  const link = page.getByRole("link", { name: /Open in calculator with these numbers/ });
  const [calculator] = await Promise.all([page.waitForEvent("popup"), link.click()]);
  await expect(calculator).toHaveURL(/\/calculator\?/);
  await calculator.close();
  // The quiz tab stayed where it was, with its feedback.
  await expect(page).toHaveURL(new RegExp(`/quiz/${id}$`));
  await expect(page.getByTestId("outcome")).toBeVisible();

  // Leaving in the same tab and coming back restores the page from the router's cache, which still holds
  // question 1: the page must notice and show question 2.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calculator" }).click();
  await expect(page).toHaveURL(/\/calculator$/);
  await page.goBack();
  await expect(heading(2)).toBeVisible();

  // Question 2 answered elsewhere (another tab): checking an answer here moves on to question 3, without an error.
  const elsewhere = await page.request.post(`/api/quizzes/${id}/answers`, { data: { position: 1, response: { kind: "numeric", text: "0" } } });
  expect(elsewhere.status()).toBe(201);
  await page.getByLabel("Your answer").fill("0");
  await page.getByRole("button", { name: "Check answer" }).click();
  await expect(heading(3)).toBeVisible();
  await expect(page.getByText("That did not save")).toHaveCount(0);
  await page.getByLabel("Your answer").fill("0");
  await page.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByTestId("outcome")).toBeVisible();
});
