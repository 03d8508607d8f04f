import AxeBuilder from "@axe-core/playwright";
import { learnerIdOf } from "../lib/learner/identity";
import { expect, test } from "./fixtures";
import { openStudy, revealAnswer } from "./helpers";
import { e2eDatabaseUrl, engine, sql } from "./servers";

/** A time as the app's tables store it on this run's engine (lib/db/sqlite.ts, lib/db/postgres.ts). */
const sqlTime = (date: Date) => (engine === "sqlite" ? date.toISOString().replace("Z", "+00:00") : date.toISOString().replace("T", " ").replace("Z", ""));

test("a learner studies three cards with the keyboard alone, undoes one, and a reload keeps that state", async ({ page }) => {
  await openStudy(page);
  const card = page.getByTestId("study-card");
  const graded: string[] = [];

  for (let i = 0; i < 3; i++) {
    const id = (await card.getAttribute("data-card-id"))!;
    await expect(page.getByRole("button", { name: /Show answer/ })).toBeVisible();
    await page.keyboard.press(i === 0 ? "Space" : "Enter");
    // Each grade button shows the interval it would give; a new card graded Good waits for the 10-minute step.
    await expect(page.getByTestId("interval-3")).toHaveText("10m");
    await expect(page.getByTestId("interval-1")).toHaveText("1m");
    await page.keyboard.press("3");
    await expect(card).not.toHaveAttribute("data-card-id", id);
    graded.push(id);
  }

  await page.keyboard.press("u");
  await expect(page.getByRole("status").filter({ hasText: "Undid the last grade." })).toBeVisible();
  await expect(card).toHaveAttribute("data-card-id", graded[2]!);
  await expect(page.getByRole("button", { name: /Show answer/ })).toBeVisible();

  await page.reload();
  await expect(card).toHaveAttribute("data-card-id", graded[2]!);
  await expect(page.getByTestId("remaining-learning")).toHaveText(/^2 /);

  await page.goto("/");
  await expect(page.getByTestId("reviews-today")).toHaveText("2");
  await page.goto(`/cards/${graded[0]}`);
  await expect(page.getByTestId("review-history").locator("tbody tr")).toHaveCount(1);
  await page.goto(`/cards/${graded[2]}`);
  await expect(page.getByText("You have not reviewed this card yet.")).toBeVisible();
});

test("Ctrl+Z undoes too, and the grade buttons are reachable and visibly focused with Tab", async ({ page }) => {
  await openStudy(page);
  const card = page.getByTestId("study-card");
  const first = (await card.getAttribute("data-card-id"))!;
  await revealAnswer(page);
  // Tab passes a recalled card's key points (checkboxes to tick), then reaches the grade buttons.
  const focused = page.locator(":focus");
  for (let tabs = 0; tabs < 12; tabs++) {
    await page.keyboard.press("Tab");
    if ((await focused.getAttribute("aria-keyshortcuts")) === "1") break;
  }
  await expect(focused).toHaveText(/Again/);
  const outline = await focused.evaluate((element) => getComputedStyle(element).outlineStyle);
  expect(outline).toBe("solid");
  await page.keyboard.press("1");
  await expect(card).not.toHaveAttribute("data-card-id", first);
  await page.keyboard.press("Control+z");
  await expect(card).toHaveAttribute("data-card-id", first);
});

test("the end of a session sums up this session only, says when the next card is due on the learner's clock, and offers what to do next", async ({
  browser,
}) => {
  const context = await browser.newContext({ timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  await page.goto("/settings");
  await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Shanghai");
  await page.getByLabel("New cards per day").fill("2");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  const learner = learnerIdOf((await context.cookies()).find((cookie) => cookie.name === "bn_learner")!.value);

  // An earlier session an hour ago, the review of a card already known (so not one of today's new cards).
  expect((await page.request.post("/api/reviews", { data: { cardId: "bn-params-in-cnn", rating: 4, durationMs: 5000 } })).status()).toBe(201);
  await sql(e2eDatabaseUrl(), `UPDATE "ReviewLog" SET "reviewedAt" = $2, "stateBefore" = 2 WHERE "learnerId" = $1`, [learner, sqlTime(new Date(Date.now() - 60 * 60_000))]);

  await openStudy(page);
  const card = page.getByTestId("study-card");
  const againId = (await card.getAttribute("data-card-id"))!;
  for (const rating of ["1", "4"]) {
    const id = (await card.getAttribute("data-card-id"))!;
    await revealAnswer(page);
    await page.keyboard.press(rating);
    await expect(card).not.toHaveAttribute("data-card-id", id);
  }
  // The card graded Again is a learning card due in a minute: within the learn-ahead limit, it comes back.
  await expect(card).toHaveAttribute("data-card-id", againId);
  await revealAnswer(page);
  await page.keyboard.press("4");

  await expect(page.getByRole("heading", { name: "Done for now" })).toBeVisible();
  await expect(page.getByTestId("summary-reviewed")).toHaveText("3");
  await expect(page.getByTestId("summary-again-rate")).toHaveText("33%");
  // The next card due after now, said on the learner's own clock: make it tomorrow 09:12 in Shanghai (UTC+8).
  const shanghai = new Date(Date.now() + 8 * 3_600_000);
  const tomorrow = new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate() + 1, 9 - 8, 12));
  await sql(e2eDatabaseUrl(), `UPDATE "CardState" SET "due" = $3 WHERE "learnerId" = $1 AND "cardId" = $2`, [learner, againId, sqlTime(tomorrow)]);
  await page.reload();
  await expect(page.getByTestId("summary-reviewed")).toHaveText("3");
  await expect(page.getByTestId("summary-next-due")).toHaveText("tomorrow 09:12");
  await expect(page.getByTestId("summary-next-due").locator("time")).toHaveAttribute("datetime", tomorrow.toISOString());

  const next = page.getByRole("navigation", { name: "What next?" });
  await expect(next.getByRole("button", { name: /^Drill / })).toBeVisible();
  await expect(next.getByRole("button", { name: "Start an interview" })).toBeVisible();
  await expect(next.getByRole("link", { name: "Build a quiz" })).toHaveAttribute("href", "/quiz");
  await expect(next.getByRole("link", { name: "See your statistics" })).toHaveAttribute("href", "/stats");
  // Ahead of the daily limit, ten more new cards in one click.
  await next.getByRole("link", { name: "Study 10 more new cards" }).click();
  await expect(page).toHaveURL(/\/study\?extra=10$/);
  await expect(card).toBeVisible();
  await expect(page.getByTestId("remaining-new")).toHaveText(/^10 /);
  await context.close();
});

test("a recalled card is graded by ticking its key points, by keyboard; the suggestion follows the ticks and the learner has the last word", async ({ page }) => {
  await openStudy(page, "/study?topic=placement");
  const card = page.getByTestId("study-card");
  const written = page.getByLabel("Your answer (optional)");
  // Mcq cards first, if any: this test wants a card recalled in one's own words.
  for (let skipped = 0; skipped < 5 && (await written.count()) === 0; skipped++) {
    const id = (await card.getAttribute("data-card-id"))!;
    await revealAnswer(page);
    await page.keyboard.press("3");
    await expect(card).not.toHaveAttribute("data-card-id", id);
  }
  const id = (await card.getAttribute("data-card-id"))!;
  await written.fill("After the conv, before the nonlinearity.");
  await written.press("Control+Enter");
  await expect(page.getByRole("region", { name: "Answer" })).toBeFocused();
  await expect(page.getByTestId("written-answer")).toContainText("After the conv, before the nonlinearity.");

  const boxes = page.getByTestId("key-point-checklist").getByRole("checkbox");
  const total = await boxes.count();
  expect(total).toBeGreaterThanOrEqual(2);
  const suggestion = page.getByTestId("tick-suggestion");
  await expect(suggestion).toHaveText(`Suggested from your ticks: Again (0 of ${total} key points)`);
  await expect(page.getByRole("button", { name: /^Again/ })).toHaveAttribute("data-suggested", "true");
  await page.keyboard.press("Tab");
  await expect(boxes.first()).toBeFocused();
  await page.keyboard.press("Space");
  await expect(boxes.first()).toBeChecked();
  await expect(suggestion).toHaveText(`Suggested from your ticks: Hard (1 of ${total} key points)`);
  await expect(page.getByRole("button", { name: /^Hard/ })).toHaveAttribute("data-suggested", "true");
  for (let n = 1; n < total; n++) {
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space");
  }
  await expect(suggestion).toHaveText(`Suggested from your ticks: Good (${total} of ${total} key points)`);
  await expect(page.getByRole("button", { name: /^Good/ })).toHaveAttribute("data-suggested", "true");
  await page.emulateMedia({ colorScheme: "dark" });
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(" ")}`), "the key points to tick, in dark mode").toEqual([]);
  // Digits grade even with a checkbox focused: the learner overrides the suggestion with Easy.
  await page.keyboard.press("4");
  await expect(card).not.toHaveAttribute("data-card-id", id);
  await page.goto(`/cards/${id}`);
  await expect(page.getByTestId("review-history").locator("tbody tr").first()).toContainText("Easy");
});

test("@phone the study screen hides keyboard hints on a phone and keeps a labelled undo button", async ({ page }) => {
  await openStudy(page);
  await expect(page.getByRole("button", { name: "Show answer" })).toBeVisible();
  await expect(page.getByText("Space or Enter")).toBeHidden();
  await expect(page.getByText("Keys: Space/Enter show answer")).toBeHidden();
  const undo = page.getByRole("button", { name: "Undo", exact: true });
  await expect(undo).toBeVisible();
  await expect(undo.locator("svg")).toBeVisible();
  await expect(page.getByText("U or Ctrl+Z")).toBeHidden();
});

test("settings reject bad values next to the field and keep the stored ones", async ({ page }) => {
  await page.goto("/settings");
  const retention = page.getByLabel("Desired retention");
  await expect(retention).toHaveValue("0.9");
  await retention.fill("1.5");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Choose a retention from 0.70 to 0.99.")).toBeVisible();
  await expect(retention).toHaveAttribute("aria-invalid", "true");
  await page.reload();
  await expect(page.getByLabel("Desired retention")).toHaveValue("0.9");
});

test("studying one topic: mcq and numeric cards are answered, the grade is suggested, the learner has the last word", async ({ page }) => {
  await openStudy(page, "/study?topic=parameters");
  await expect(page.getByRole("heading", { name: /Study · Counting parameters/ })).toBeVisible();
  const card = page.getByTestId("study-card");

  await expect(card).toHaveAttribute("data-card-id", "mcq-bn2d-param-count");
  // One main action: "Check answer" is filled, "Show answer" is the quieter one beside it.
  const background = (name: RegExp) => page.getByRole("button", { name }).evaluate((element) => getComputedStyle(element).backgroundColor);
  expect(await background(/^Check answer$/)).not.toBe("rgba(0, 0, 0, 0)");
  expect(await background(/^Show answer/)).toBe("rgba(0, 0, 0, 0)");
  await page.getByTestId("mcq-option").filter({ hasText: /^128$/ }).getByRole("radio").check();
  await page.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByRole("button", { name: /Good/ })).toHaveAttribute("data-suggested", "true");
  await page.keyboard.press("3");

  await expect(card).toHaveAttribute("data-card-id", "numeric-bn2d-params");
  const channels = Number(/BatchNorm2d\((\d+)\)/.exec(await card.innerText())![1]);
  // The placeholder's example answers fit in the box, in both languages.
  const placeholderFits = () =>
    page.getByLabel(/Your answer|你的答案/).evaluate((input: HTMLInputElement) => {
      const style = getComputedStyle(input);
      const context = document.createElement("canvas").getContext("2d")!;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      return context.measureText(input.placeholder).width <= input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    });
  expect(await placeholderFits()).toBe(true);
  await page.getByLabel("Your answer").fill("lots");
  await page.getByLabel("Your answer").press("Enter");
  await expect(page.getByText("That is not a number")).toBeVisible();
  await page.getByLabel("Your answer").fill(String(2 * channels + 1));
  await page.getByLabel("Your answer").press("Enter");
  await expect(page.getByTestId("expected-value")).toHaveText(String(2 * channels));
  // Wrong is said in words and a sign, not by colour alone.
  await expect(page.getByTestId("given")).toHaveAttribute("data-correct", "false");
  await expect(page.getByTestId("numeric-verdict")).toHaveText("✗ Not quite");
  await expect(page.getByRole("button", { name: /Again/ })).toHaveAttribute("data-suggested", "true");
  // The suggestion is Again; the learner decides it was a slip and grades Hard. Focus left the answer field
  // for the revealed answer, so the number keys grade again.
  await expect(page.getByLabel("Your answer")).not.toBeFocused();
  await page.keyboard.press("2");
  await expect(card).not.toHaveAttribute("data-card-id", "numeric-bn2d-params");

  await page.goto("/cards/numeric-bn2d-params");
  await expect(page.getByTestId("review-history").locator("tbody tr").first()).toContainText("Hard");
});

test("each numeric card starts with an empty, focused answer box: nothing typed carries over to the next card", async ({ page }) => {
  // The algorithm topic opens with three numeric cards in a row (BatchNorm2d, 1d, 3d values per channel).
  await page.goto("/study?topic=algorithm");
  const card = page.getByTestId("study-card");
  const answer = page.getByLabel("Your answer");
  for (const typed of ["0.25", "3"]) {
    const id = (await card.getAttribute("data-card-id"))!;
    await expect(answer).toBeFocused();
    await expect(answer).toHaveValue("");
    await page.keyboard.type(typed);
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("numeric-feedback")).toBeVisible();
    await page.keyboard.press("3");
    await expect(card).not.toHaveAttribute("data-card-id", id);
  }
  await expect(answer).toBeFocused();
  await expect(answer).toHaveValue("");
  await expect(page.getByTestId("numeric-feedback")).toHaveCount(0);
});

test("the time zone comes from the browser, can be changed in settings, and an unknown one is refused next to the field", async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: "Pacific/Honolulu" });
  const page = await context.newPage();
  await page.goto("/");
  await page.goto("/settings");
  const zone = page.getByLabel("Time zone");
  await expect(zone).toHaveValue("Pacific/Honolulu");
  await zone.fill("Mars/Olympus_Mons");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Choose a time zone from the list, such as Europe/Berlin.")).toBeVisible();
  await expect(zone).toHaveAttribute("aria-invalid", "true");
  await page.reload();
  await expect(page.getByLabel("Time zone")).toHaveValue("Pacific/Honolulu");
  await page.getByLabel("Time zone").fill("Asia/Tokyo");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Tokyo");
  await context.close();
});
