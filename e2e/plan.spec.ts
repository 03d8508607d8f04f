import AxeBuilder from "@axe-core/playwright";
import { addDays, dayKey } from "../lib/calendar";
import { expect, test, type Page } from "./fixtures";
import { studyCards } from "./helpers";

// A learner in Shanghai: their study day, not the server's, decides "today" and the days left.
const ZONE = "Asia/Shanghai";
test.use({ timezoneId: ZONE });

const today = () => dayKey(new Date(), ZONE);

async function axeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(" ")} — ${v.help}`);
}

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test("an interview date set in settings plans the days: readiness starts at 0, studying raises coverage; both themes pass axe", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/settings");
  await page.getByLabel("Time zone").fill(ZONE);
  const date = page.getByLabel("My interview is on");
  await date.fill(addDays(today(), -1));
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.locator("#interviewDate-error")).toHaveText("That day has passed: choose today or a later day.");
  await expect(date).toHaveAttribute("aria-invalid", "true");

  await date.fill(addDays(today(), 14));
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "saved" })).toHaveText("Settings saved.");

  await page.goto("/");
  await expect(page.getByTestId("home-plan")).toContainText("14 days left, readiness 0%.");
  const more = page.getByRole("navigation", { name: "More ways to prepare" }).getByRole("link");
  await expect(more).toHaveText(["My plan", "Quiz", "Interview mode", "BN calculator", "Topics"]);
  await more.filter({ hasText: "My plan" }).click();

  await expect(page.getByRole("heading", { level: 2, name: /Interview on .* · 14 days left/ })).toBeVisible();
  const unseen = Number((await page.getByTestId("plan-unseen").innerText()).split("\n")[0]);
  expect(unseen).toBeGreaterThan(50);
  // 14 days: new cards on the 12 days up to 3 days before, so every card comes back before the interview.
  await expect(page.getByTestId("plan-new-today")).toHaveText(String(Math.ceil(unseen / 12)));
  await expect(page.getByTestId("overall-readiness")).toHaveText("0%");
  const recall = page.getByTestId("readiness").getByTestId("recall");
  expect(await recall.allInnerTexts()).toEqual(Array((await recall.count())).fill("0%"));

  await studyCards(page, 3);

  await page.goto("/plan");
  await expect(page.getByTestId("plan-new-today")).toHaveText(String(Math.ceil(unseen / 12) - 3));
  await expect(page.getByTestId("plan-unseen")).toContainText(String(unseen - 3));
  await expect(page.getByTestId("overall-coverage")).toHaveText(`3 / ${unseen}`);
  await expect(page.getByTestId("overall-readiness")).not.toHaveText("0%");
  // The three cards are must-know ones of one topic: its coverage moved, and only its.
  const coverage = await page.getByTestId("readiness").getByTestId("coverage").allInnerTexts();
  expect(coverage.filter((text) => !text.startsWith("0 / "))).toEqual([expect.stringMatching(/^3 \/ \d+$/)]);

  // The topics show the same progress: the studied topic's cards seen and its readiness on the interview day.
  await page.goto("/topics");
  await expect(page.getByText(/^Seen 3 of \d+ · predicted recall [1-9]\d*% on /)).toHaveCount(1);
  await expect(page.getByText(/^Seen 0 of \d+ · predicted recall 0% on /)).toHaveCount(coverage.length - 1);

  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const path of ["/plan", "/stats", "/topics", "/topics/placement", "/settings", "/"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      expect(await axeViolations(page), `${path} in ${colorScheme} mode`).toEqual([]);
    }
  }
});

test("after a quiz answered wrong, the topic's accuracy is low and 'Drill this topic' starts a quiz on it; in Chinese too", async ({ page }) => {
  await page.goto("/stats");
  const row = page.getByTestId("progress-running-stats");
  await expect(row.getByTestId("accuracy")).toHaveText("no answers yet");
  await expect(page.getByTestId("progress-explained")).toContainText("of your last 20 answers in the topic");

  const created = await page.request.post("/api/quizzes", {
    data: { mode: "custom", topics: ["running-stats"], difficulties: ["E", "M", "H"], types: ["numeric"], count: 5 },
  });
  expect(created.status()).toBe(201);
  const { id, questions } = (await created.json()) as { id: string; questions: number };
  for (let position = 0; position < questions; position++) {
    const answered = await page.request.post(`/api/quizzes/${id}/answers`, { data: { position, response: { kind: "numeric", text: "-123456" } } });
    expect(await answered.json()).toMatchObject({ outcome: "wrong", rating: 1 });
  }

  await page.goto("/stats");
  await expect(row.getByTestId("coverage")).toHaveText(new RegExp(`^${questions} / \\d+$`));
  await expect(row.getByTestId("accuracy")).toHaveText(`0% of ${questions}`);
  // A week ahead, cards failed today are far from recalled: the old chart said 100 % here.
  expect(Number((await row.getByTestId("recall").innerText()).replace("%", ""))).toBeLessThan(80);
  await row.getByRole("button", { name: "Drill this topic: Running statistics" }).click();
  await expect(page).toHaveURL(/\/quiz\/[\w-]+/);
  await expect(page.getByRole("heading", { name: /^Question 1 of \d+$/ })).toBeFocused();
  await expect(page.getByText("Running statistics", { exact: true })).toBeVisible();

  // Predicted recall on another day, chosen with the date picker.
  await page.goto("/stats");
  await page.getByLabel("Predicted recall on").fill(addDays(today(), 30));
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`day=${addDays(today(), 30)}`));
  const chosen = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${addDays(today(), 30)}T12:00:00Z`));
  await expect(page.getByTestId("progress-table").locator("thead th").last()).toHaveText(`Predicted recall${chosen}`);

  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { name: "各主题进度" })).toBeVisible();
  await expect(row.getByRole("button", { name: "强化练习这个主题: 滑动平均统计量" })).toBeVisible();
  await expect(row.getByTestId("accuracy")).toHaveText(`${questions} 次中 0%`);
  await page.goto("/plan");
  await expect(page.getByRole("heading", { level: 1, name: "你的计划" })).toBeVisible();
  await expect(page.getByText(/^没有面试日期：新卡按每日上限出现/)).toBeVisible();
});

test("@phone the plan is set, read and cleared on a 390-pixel phone without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/plan");
  await expect(page.getByText(/No interview date: new cards come at your daily limit, 20 a day/)).toBeVisible();
  expect(await fitsWidth(page)).toBe(true);

  const date = page.getByLabel("My interview is on");
  await date.fill(addDays(today(), 400));
  await page.getByRole("button", { name: "Save the date" }).click();
  await expect(page.locator("#interview-date-error")).toHaveText("Choose a day within a year from today.");

  await date.fill(addDays(today(), 5));
  await page.getByRole("button", { name: "Save the date" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toHaveText("Saved: the plan follows your interview date.");
  await expect(page.getByTestId("days-left")).toHaveText("· 5 days left");
  // 5 days left: new cards on the 3 days up to 3 days before; the default limit of 20 a day cannot cover the deck.
  await expect(page.getByTestId("plan-new-today")).toHaveText("20");
  await expect(page.getByTestId("plan-summary")).toContainText("cards come too late");
  for (const path of ["/plan", "/", "/topics", "/settings", "/stats"]) {
    await page.goto(path);
    expect(await fitsWidth(page), path).toBe(true);
  }
  // The progress table stays inside its section: no column is cut off at the edge.
  const section = await page.getByTestId("progress").boundingBox();
  const table = await page.getByTestId("progress-table").boundingBox();
  expect(table!.x + table!.width).toBeLessThanOrEqual(section!.x + section!.width);

  await page.goto("/plan");
  await page.getByRole("button", { name: "Clear the date" }).click();
  await expect(page.getByRole("status").filter({ hasText: "cleared" })).toHaveText("Date cleared: new cards come at your daily limit again.");
  await expect(page.getByText(/No interview date/)).toBeVisible();
});
