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

test("RMSNorm works [1,2,3,4] as the documented formula, takes Keras's ε, names a bad normalized_shape, and its link reproduces it", async ({ page, context }) => {
  await page.goto("/calculator");
  await page.getByRole("radio", { name: "RMSNorm" }).check();
  await page.getByLabel("Shape", { exact: true }).fill("1,4");
  await page.getByLabel("Values", { exact: true }).fill("[1,2,3,4]");
  await page.getByLabel("normalized_shape").fill("4");

  // mean(x²) = 30/4 = 7.5 and y₁ = 1/√(7.5 + ε) = 0.365148 (torch.nn.RMSNorm docs; worked by hand, PyTorch 1.13 has no RMSNorm).
  const output = page.getByTestId("rms-output");
  await expect(output).toContainText(/\[\[\s*0\.365148,\s*0\.730297,\s*1\.09545,\s*1\.46059\]\]/);
  await expect(page.getByTestId("rms-eps-used")).toHaveText("2.22045e-16");
  const working = page.getByTestId("rms-working");
  await working.scrollIntoViewIfNeeded();
  await expect(working.locator(".katex").first()).toContainText(/=\s*30\s*\/\s*4\s*=\s*7\.5/);
  await expect(page.getByRole("table").getByRole("row", { name: /^0 7\.5 0\.365148$/ })).toBeVisible();

  await page.getByRole("radio", { name: "Keras" }).check();
  await expect(page.getByTestId("rms-eps-used")).toHaveText("1e-6");
  await expect(page.getByLabel("normalized_shape")).toHaveCount(0);
  await expect(working.locator(".katex").nth(1)).toContainText(/7\.5\s*\+\s*10\s*−\s*6/);

  await page.getByRole("radio", { name: "PyTorch" }).check();
  const normalized = page.getByLabel("normalized_shape");
  await normalized.fill("2");
  await expect(normalized).toHaveAttribute("aria-invalid", "true");
  await expect(normalized).toHaveAccessibleDescription(/The shape \(1, 4\) does not end in normalized_shape \(2\)\./);
  await expect(page.getByText("Fix the highlighted fields to see results.")).toBeVisible();
  await normalized.fill("4");
  await expect(output).toContainText("0.365148");

  await expect(page).toHaveURL((url) => url.searchParams.get("calc") === "rms" && url.searchParams.get("x") === "[1,2,3,4]" && !url.searchParams.has("ns"));
  const copy = await context.newPage();
  await copy.goto(page.url());
  await expect(copy.getByRole("radio", { name: "RMSNorm" })).toBeChecked();
  await expect(copy.getByLabel("Values", { exact: true })).toHaveValue("[1,2,3,4]");
  await expect(copy.getByTestId("rms-output")).toContainText(/\[\[\s*0\.365148,/);
});

test("the RMSNorm mode in Chinese", async ({ page }) => {
  await page.goto("/calculator?calc=rms");
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("group", { name: "计算器" }).getByRole("radio", { name: "RMSNorm" })).toBeChecked();
  await expect(page.getByRole("heading", { name: "演算（第 0 行）" })).toBeVisible();
  await expect(page.getByTestId("rms-output")).toContainText("0.365148");
  await page.getByLabel("ε (eps)").fill("-1");
  await expect(page.getByLabel("ε (eps)")).toHaveAccessibleDescription(/ε 必须大于或等于 0。/);
});

test("@phone RMSNorm's working wraps on a 390 px phone: no sideways scroll, every result in view", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/calculator?calc=rms&shape=2,16&seed=3&ns=16");
  const lines = page.getByTestId("rms-working").locator("li");
  await expect(lines).toHaveCount(10);
  for (const line of await lines.all()) {
    await line.scrollIntoViewIfNeeded();
    await expect(line.locator(".katex")).toBeVisible();
  }
  // A formula that wrapped fits its box: nothing, its result included, is hidden to its right.
  const clipped = await lines.evaluateAll((items) =>
    items.flatMap((item) => [...item.children]).filter((box) => box.scrollWidth > box.clientWidth + 1).map((box) => box.textContent),
  );
  expect(clipped).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
});
