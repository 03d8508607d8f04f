import { expect, type Page } from "@playwright/test";

/** Opens the study screen and waits until it is interactive: it then focuses the question for screen readers. */
export async function openStudy(page: Page, path = "/study") {
  await page.goto(path);
  await expect(page.getByRole("heading", { name: "Question", exact: true })).toBeFocused();
}
