import { expect, test } from "@playwright/test";

test("a learner studies three cards with the keyboard alone, undoes one, and a reload keeps that state", async ({ page }) => {
  await page.goto("/study");
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
  await page.goto("/study");
  const card = page.getByTestId("study-card");
  const first = (await card.getAttribute("data-card-id"))!;
  await page.keyboard.press("Space");
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

  await page.goto("/study");
  const card = page.getByTestId("study-card");
  const againId = (await card.getAttribute("data-card-id"))!;
  for (const rating of ["1", "4"]) {
    const id = (await card.getAttribute("data-card-id"))!;
    await page.keyboard.press("Space");
    await page.keyboard.press(rating);
    await expect(card).not.toHaveAttribute("data-card-id", id);
  }
  // The card graded Again is a learning card due in a minute: within the learn-ahead limit, it comes back.
  await expect(card).toHaveAttribute("data-card-id", againId);
  await page.keyboard.press("Space");
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
