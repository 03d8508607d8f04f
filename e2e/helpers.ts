import { expect, type Page } from "@playwright/test";

/** Opens the study screen and waits until it is interactive: it then focuses the question for screen readers. */
export async function openStudy(page: Page, path = "/study") {
  await page.goto(path);
  await expect(page.getByRole("heading", { name: "Question", exact: true })).toBeFocused();
}

/**
 * Space shows the answer; a multiple-choice or numeric card's solution comes from the server, so wait for it,
 * and for focus to move to it, where a screen reader reads it next.
 */
export async function revealAnswer(page: Page) {
  await page.keyboard.press("Space");
  await expect(page.getByRole("group", { name: "How well did you recall it?" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Answer" })).toBeFocused();
}

/** Studies `count` cards from the start of the study screen, grading each Good. */
export async function studyCards(page: Page, count: number) {
  await openStudy(page);
  const card = page.getByTestId("study-card");
  for (let n = 0; n < count; n++) {
    const id = (await card.getAttribute("data-card-id"))!;
    await revealAnswer(page);
    await page.getByRole("button", { name: /^Good/ }).click();
    await expect(card).not.toHaveAttribute("data-card-id", id);
  }
}
