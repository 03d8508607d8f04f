import { expect, test, type Page } from "./fixtures";

const EXPERIMENTS = [
  ["learning-rate", "Learning rate", ["final-loss", "final-accuracy", "loss-batch", "loss-none"]],
  ["activations", "Activations over training", ["percentiles-batch", "percentiles-none", "loss"]],
  ["small-batches", "Small batches", ["accuracy-by-batch", "noise", "loss"]],
  ["train-eval", "Train vs eval", ["test-accuracy", "running-trace", "forgotten-eval"]],
  ["placement", "Placement", ["loss", "test-accuracy"]],
  ["dropout", "Dropout before BN", ["variance-shift", "test-accuracy", "loss"]],
] as const;

/** Waits until every run of the experiment has finished. */
async function waitUntilDone(page: Page, timeout = 30_000) {
  await expect(page.getByTestId("lab-status")).toHaveAttribute("data-phase", "done", { timeout });
}

/** A cell of the runs table: the row of one run, the column by its heading's position. */
function runCell(page: Page, run: string, column: "steps" | "testLoss") {
  const index = column === "steps" ? 0 : 2;
  return page.getByTestId("table-runs").locator(`tr[data-key="${run}"] td`).nth(index);
}

for (const [id, name, panels] of EXPERIMENTS) {
  test(`the ${id} experiment trains its runs and draws its charts, each with its numbers`, async ({ page }) => {
    await page.goto(`/lab?exp=${id}`);
    await expect(page.getByRole("heading", { name, exact: true, level: 2 })).toBeVisible();
    await waitUntilDone(page);
    for (const panel of panels) {
      const section = page.getByTestId(`panel-${panel}`);
      await expect(section.getByRole("application")).toBeVisible();
      await section.getByText("Show the numbers").click();
      await expect(section.getByRole("table").locator("tbody tr").first()).toBeVisible();
    }
    await expect(page.getByTestId("table-runs").locator("tbody tr td:last-child").first()).toHaveText(/finished|Diverged/);
    await expect(page.getByTestId("lab-cards").getByRole("link").first()).toBeVisible();
  });
}

test("a learning rate in the URL gives the same run on reload, and a changed one is written to the URL", async ({ page }) => {
  await page.goto("/lab?exp=placement&lr=0.05&epochs=2");
  await expect(page.getByLabel("Learning rate", { exact: true })).toHaveValue("0.05");
  await waitUntilDone(page);
  const loss = await runCell(page, "before-relu", "testLoss").textContent();
  expect(loss).toMatch(/^\d/);

  await page.reload();
  await waitUntilDone(page);
  await expect(runCell(page, "before-relu", "testLoss")).toHaveText(loss!);

  const lr = page.getByLabel("Learning rate", { exact: true });
  await lr.fill("0.2");
  await expect(page).toHaveURL(/[?&]lr=0\.2(&|$)/);
  await waitUntilDone(page);
  const changed = await runCell(page, "before-relu", "testLoss").textContent();
  expect(changed).not.toBe(loss);
  await page.reload();
  await expect(lr).toHaveValue("0.2");
  await waitUntilDone(page);
  await expect(runCell(page, "before-relu", "testLoss")).toHaveText(changed!);
});

test("pause stops training, step takes one SGD step of every run, play goes on", async ({ page }) => {
  await page.goto("/lab?exp=placement&arch=deep-mlp&epochs=40");
  const status = page.getByTestId("lab-status");
  await expect(status).toHaveAttribute("data-phase", "running");
  await expect(runCell(page, "before-relu", "steps")).not.toHaveText(/^0 \//);
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(status).toHaveAttribute("data-phase", "paused");

  const steps = async () => Promise.all(["before-relu", "after-relu"].map(async (run) => Number((await runCell(page, run, "steps").textContent())!.split(" / ")[0])));
  // The worker answers a pause with its last progress; after that nothing moves.
  await page.waitForTimeout(400);
  const paused = await steps();
  await page.waitForTimeout(600);
  expect(await steps()).toEqual(paused);

  await page.getByRole("button", { name: "Step" }).click();
  await expect(runCell(page, "before-relu", "steps")).toHaveText(`${paused[0]! + 1} / 1240`);
  await expect(runCell(page, "after-relu", "steps")).toHaveText(`${paused[1]! + 1} / 1240`);
  await page.getByRole("button", { name: "Step" }).click();
  await expect(runCell(page, "before-relu", "steps")).toHaveText(`${paused[0]! + 2} / 1240`);

  await page.getByRole("button", { name: "Play" }).click();
  await expect(status).toHaveAttribute("data-phase", "running");
  await expect(runCell(page, "before-relu", "steps")).not.toHaveText(`${paused[0]! + 2} / 1240`);
});

test("the keyboard keeps working while the worker trains", async ({ page }) => {
  await page.goto("/lab?exp=placement&arch=deep-mlp&epochs=40");
  const status = page.getByTestId("lab-status");
  await expect(status).toHaveAttribute("data-phase", "running");

  const seed = page.getByLabel("Seed", { exact: true });
  await seed.focus();
  await page.keyboard.press("Shift+Tab");
  await expect(page.getByLabel("Epochs", { exact: true })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(seed).toBeFocused();
  await page.keyboard.press("End");
  await page.keyboard.type("7", { delay: 20 });
  // The keystroke lands at once; the new setup then starts a new run, still in the worker.
  await expect(seed).toHaveValue("17");
  await expect(page).toHaveURL(/[?&]seed=17(&|$)/);
  await expect(status).toHaveAttribute("data-phase", "running");

  const pause = page.getByRole("button", { name: "Pause" });
  await pause.focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Step" })).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Enter");
  await expect(status).toHaveAttribute("data-phase", "paused");
  await expect(page.getByRole("button", { name: "Play" })).toBeVisible();
});

test("impossible settings are named next to their field and the last good run stays on screen", async ({ page }) => {
  await page.goto("/lab?exp=placement&lr=-1&batch=5000&epochs=1");
  const lr = page.getByLabel("Learning rate", { exact: true });
  const batch = page.getByLabel("Batch size", { exact: true });
  await expect(lr).toHaveAttribute("aria-invalid", "true");
  await expect(lr).toHaveAccessibleDescription("The learning rate must be greater than 0 (got -1).");
  await expect(batch).toHaveAccessibleDescription(/1000 training samples\. A batch of 5000 is larger than the data set \(1000 training samples\)\./);
  await expect(page.getByText("The link asks for settings the lab cannot run")).toBeVisible();
  await waitUntilDone(page);

  await lr.fill("0.1");
  await batch.fill("16");
  await expect(lr).not.toHaveAttribute("aria-invalid");
  await expect(page).toHaveURL(/[?&]batch=16(&|$)/);
  await waitUntilDone(page);
  const loss = await runCell(page, "before-relu", "testLoss").textContent();
  const url = page.url();

  await lr.fill("0");
  await expect(lr).toHaveAccessibleDescription("The learning rate must be greater than 0 (got 0).");
  await page.getByLabel("Normalization").selectOption("group");
  const groups = page.getByLabel("GroupNorm groups");
  await groups.fill("128");
  await expect(page.getByText("Fix the fields marked in red to run this setup.")).toBeVisible();
  await lr.fill("0.1");
  await expect(groups).toHaveAccessibleDescription("128 groups are more than the 64 channels of a layer.");
  await page.waitForTimeout(500);
  expect(page.url()).toBe(url);
  await expect(runCell(page, "before-relu", "testLoss")).toHaveText(loss!);

  await page.goto("/lab?exp=batch-renorm");
  await expect(page.getByLabel("Experiment", { exact: true })).toHaveAccessibleDescription(/Unknown value “batch-renorm”/);
});

test("a run that diverges stops at its step and says so", async ({ page }) => {
  await page.goto("/lab?exp=learning-rate&arch=deep-mlp&lrs=0.1,10&epochs=1");
  await waitUntilDone(page);
  await expect(page.getByTestId("table-runs").locator('tr[data-key="none-lr10"] td').last()).toHaveText(/^Diverged at step \d+: /);
  await expect(page.getByTestId("table-runs").locator('tr[data-key="batch-lr0.1"] td').last()).toHaveText("finished");
});

test("cards link to their experiment and the lab links back, in Chinese too", async ({ page }) => {
  await page.goto("/cards/forgot-model-eval");
  await page.getByRole("link", { name: "See it in the lab: Train vs eval" }).click();
  await expect(page).toHaveURL(/\/lab\?exp=train-eval$/);
  await expect(page.getByTestId("lab-cards").locator('a[href="/cards/forgot-model-eval"]')).toBeVisible();

  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { name: "BN 实验室" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "训练模式与推理模式", level: 2 })).toBeVisible();
  await waitUntilDone(page);
  await expect(page.getByTestId("table-runs").locator("tbody tr td:last-child").first()).toHaveText("已完成");
  await page.getByRole("button", { name: "EN" }).click();
  await expect(page.getByRole("heading", { name: "BN Lab" })).toBeVisible();
});

test("the lab works on a phone: settings, charts and tables fit the screen @phone", async ({ page }) => {
  await page.goto("/lab?exp=train-eval");
  await waitUntilDone(page);
  await expect(page.getByRole("application", { name: "Test accuracy during training" })).toBeVisible();
  await page.getByLabel("Seed", { exact: true }).tap();
  await expect(page.getByLabel("Seed", { exact: true })).toBeFocused();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.getByRole("button", { name: "Restart" }).tap();
  await waitUntilDone(page);
});
