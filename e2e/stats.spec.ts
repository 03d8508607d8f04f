import { expect, test } from "./fixtures";
import { studyCards } from "./helpers";

test("a new learner's /stats says what will appear; after studying three cards it counts them", async ({ page }) => {
  await page.goto("/stats");
  await expect(page.getByRole("heading", { name: "Statistics", level: 1 })).toBeVisible();
  await expect(page.getByTestId("stats-reviews-today")).toHaveText("0");
  await expect(page.getByTestId("calendar")).toContainText("Each day you grade cards will appear here");
  await expect(page.getByTestId("forecast")).toContainText("Nothing is scheduled yet");
  await expect(page.getByTestId("quiz-scores")).toContainText("Finish a quiz");

  await studyCards(page, 3);

  await page.goto("/stats");
  await expect(page.getByTestId("stats-reviews-today")).toHaveText("3");
  await expect(page.getByTestId("stats-total-reviews")).toHaveText("3");
  await expect(page.getByTestId("calendar")).toContainText("Days with reviews in the last year: 1. Reviews: 3.");
  await expect(page.getByTestId("calendar").locator("svg.recharts-surface")).toBeVisible();

  // Each chart's numbers are in a table behind a disclosure: keyboard-operable.
  const ratings = page.getByTestId("ratings");
  await ratings.getByText("Show the numbers as a table").focus();
  await page.keyboard.press("Enter");
  const today = page.getByTestId("ratings-table").locator("tbody tr").first();
  await expect(today.locator("td")).toHaveText(["0", "0", "3", "0"]);

  await page.getByTestId("forecast").getByText("Show the numbers as a table").click();
  // Good on a new card: due again in 10 minutes, so today's forecast has 3 learning cards.
  await expect(page.getByTestId("forecast-table").locator("tbody tr").first().locator("td")).toHaveText(["3", "0"]);

  // Progress by topic: its table is always shown, with the three cards seen in one topic.
  const coverage = await page.getByTestId("progress-table").getByTestId("coverage").allInnerTexts();
  expect(coverage.filter((text) => !text.startsWith("0 / "))).toEqual([expect.stringMatching(/^3 \/ \d+$/)]);
});
