import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import { openStudy, revealAnswer } from "./helpers";

// Every main page, in both themes, checked by axe for WCAG 2.1 A/AA problems a learner would hit.
const pages = ["/", "/study", "/quiz", "/topics", "/topics/parameters", "/topics/parameters/cheatsheet", "/cards", "/cards?q=running+var", "/cards?q=runing+mean", "/cards/bn-params-in-cnn", "/calculator", "/calculator?calc=rms", "/lab", "/lab?exp=train-eval", "/settings", "/debates", "/account"];

for (const colorScheme of ["light", "dark"] as const) {
  test(`the main pages have no WCAG A/AA violations in ${colorScheme} mode`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    for (const path of pages) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const summary = violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(" ")} — ${v.help}`);
      expect(summary, `${path} in ${colorScheme} mode`).toEqual([]);
    }
  });
}

test("the revealed answer and a quiz question have no WCAG A/AA violations", async ({ page }) => {
  await openStudy(page);
  await revealAnswer(page);
  const study = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(study.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(" ")}`)).toEqual([]);

  await page.goto("/quiz");
  await page.getByRole("button", { name: "Start an interview" }).click();
  await expect(page.getByRole("heading", { name: "Question 1 of 10" })).toBeFocused();
  const quiz = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(quiz.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(" ")}`)).toEqual([]);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the lab, trained, with its charts and tables open, has no WCAG A/AA violations in ${colorScheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    for (const experiment of ["learning-rate", "train-eval"]) {
      await page.goto(`/lab?exp=${experiment}`);
      await expect(page.getByTestId("lab-status")).toHaveAttribute("data-phase", "done", { timeout: 30_000 });
      for (const summary of await page.getByText("Show the numbers").all()) await summary.click();
      const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      expect(violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(" ")} — ${v.help}`), experiment).toEqual([]);
    }
  });
}
