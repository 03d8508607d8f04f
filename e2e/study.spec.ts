import { expect, test } from "./fixtures";
import { openStudy, revealAnswer } from "./helpers";

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
  await page.keyboard.press("Tab");
  const focused = page.locator(":focus");
  await expect(focused).toHaveText(/Again/);
  const outline = await focused.evaluate((element) => getComputedStyle(element).outlineStyle);
  expect(outline).toBe("solid");
  await page.keyboard.press("1");
  await expect(card).not.toHaveAttribute("data-card-id", first);
  await page.keyboard.press("Control+z");
  await expect(card).toHaveAttribute("data-card-id", first);
});

test("the end of a session sums up what was studied and when the next card is due", async ({ page }) => {
  await page.goto("/settings");
  await page.getByLabel("New cards per day").fill("2");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();

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

  await expect(page.getByRole("heading", { name: /Done for now/ })).toBeVisible();
  await expect(page.getByTestId("summary-reviewed")).toHaveText("3");
  await expect(page.getByTestId("summary-again-rate")).toHaveText("33%");
  await expect(page.getByTestId("summary-next-due")).not.toHaveText("No cards scheduled");
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
  await page.getByTestId("mcq-option").filter({ hasText: /^128$/ }).getByRole("radio").check();
  await page.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByRole("button", { name: /Good/ })).toHaveAttribute("data-suggested", "true");
  await page.keyboard.press("3");

  await expect(card).toHaveAttribute("data-card-id", "numeric-bn2d-params");
  const channels = Number(/BatchNorm2d\((\d+)\)/.exec(await card.innerText())![1]);
  await page.getByLabel("Your answer").fill("lots");
  await page.getByLabel("Your answer").press("Enter");
  await expect(page.getByText("That is not a number")).toBeVisible();
  await page.getByLabel("Your answer").fill(String(2 * channels + 1));
  await page.getByLabel("Your answer").press("Enter");
  await expect(page.getByTestId("expected-value")).toHaveText(String(2 * channels));
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
