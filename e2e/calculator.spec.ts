import { expect, test, type Page } from "./fixtures";

async function waitForResult(page: Page) {
  await expect(page.getByTestId("compute-status")).toHaveText(/Computed in \d+ ms/, { timeout: 30_000 });
}

test("typing [1,2,3,4] normalises it live, and the URL reproduces the calculation in a new page", async ({ page, context }) => {
  await page.goto("/calculator?shape=2,3&seed=5");
  await waitForResult(page);
  await page.getByRole("radio", { name: "Type or paste" }).check();
  await page.getByLabel("Shape", { exact: true }).fill("4,1");
  await page.getByLabel("Values", { exact: true }).fill("[1,2,3,4]");

  const xHat = page.getByTestId("tensor-xhat");
  // Printed as PyTorch would: [[-1.34164], [-0.447212], [ 0.447212], [ 1.34164]] (ε = 1e-5 included).
  await expect(xHat).toContainText(/\[\s*-1\.34164\],\s*\[\s*-0\.44721\d\],\s*\[\s*0\.44721\d\],\s*\[\s*1\.34164\]/);
  await waitForResult(page);
  await expect(page.getByText("num_batches_tracked: 0 → 1")).toBeVisible();

  await expect(page).toHaveURL(/[?&]x=/);
  expect(new URL(page.url()).searchParams.get("seed")).toBeNull();
  const copy = await context.newPage();
  await copy.goto(page.url());
  await expect(copy.getByLabel("Values", { exact: true })).toHaveValue("[1,2,3,4]");
  await expect(copy.getByTestId("tensor-xhat")).toContainText("-1.34164");
  await expect(copy.getByTestId("tensor-output")).toContainText("0.44721");
});

test("a shape that does not match the values is explained next to the shape field", async ({ page }) => {
  await page.goto("/calculator");
  await waitForResult(page);
  const shape = page.getByLabel("Shape", { exact: true });
  await shape.fill("4,2");
  await expect(shape).toHaveAttribute("aria-invalid", "true");
  await expect(shape).toHaveAccessibleDescription(/Shape \(4, 2\) needs 8 values, but there are 4\./);
  await expect(page.getByText("Fix the highlighted fields to see results.")).toBeVisible();

  await shape.fill("1,4");
  await expect(shape).toHaveAccessibleDescription(/Expected more than 1 value per channel when training/);
  await page.getByRole("radio", { name: "Eval" }).check();
  await expect(shape).not.toHaveAttribute("aria-invalid");
  await waitForResult(page);
});

test("the ResNet stage 1 preset computes 6.4 million values in a worker while the page stays responsive", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/calculator");
  await waitForResult(page);
  await page.getByLabel("Preset").selectOption({ label: "ResNet stage 1 (32,64,56,56)" });
  await expect(page.getByTestId("compute-status")).toHaveText("Computing…");
  const eps = page.getByLabel("ε (eps)");
  await eps.press("End");
  await eps.pressSequentially("0", { delay: 20 });
  // Typed characters land while the worker is still busy: the main thread is not blocked by the computation.
  await expect(eps).toHaveValue("1e-50");
  await expect(page.getByTestId("compute-status")).toHaveText("Computing…");
  await eps.fill("1e-5");
  await expect(page.getByRole("region", { name: "Results" })).toHaveAttribute("aria-busy", "true");

  await expect(page.getByTestId("result-shape")).toHaveText("32×64×56×56", { timeout: 90_000 });
  await expect(page.getByTestId("result-values-per-channel")).toHaveText("100352");
  await waitForResult(page);
  await expect(page.getByTestId("tensor-input")).toContainText("first values");
  await expect(page.getByRole("img", { name: /Histogram of x̂: 6422528 values/ })).toBeVisible();

  await expect(page).toHaveURL(/seed=1/);
  expect(page.url()).not.toContain("x=");
});

test("the parameter counter gives 128 for BatchNorm2d(64) and 256 with 128 non-trainable for Keras", async ({ page }) => {
  await page.goto("/calculator");
  await page.getByRole("radio", { name: "Parameter counter" }).check();
  await page.getByLabel("Layer").selectOption("BatchNorm2d");
  await page.getByLabel("num_features").fill("64");
  await expect(page.getByTestId("count-trainable")).toHaveText("128");
  await expect(page.getByTestId("count-explanation")).toContainText("2 × 64 = 128");
  await expect(page.getByRole("rowheader", { name: "num_batches_tracked" })).toBeVisible();

  await page.getByRole("radio", { name: "Keras" }).check();
  await expect(page.getByLabel("Layer")).toHaveValue("BatchNormalization");
  await page.getByLabel("Features (size of the axis)").fill("64");
  await expect(page.getByTestId("count-reported")).toHaveText("256");
  await expect(page.getByTestId("count-non-trainable")).toHaveText("128");
  await expect(page).toHaveURL(/calc=params&fw=keras/);
});
