import { readFile, writeFile } from "node:fs/promises";
import { expect, test, type Page } from "./fixtures";
import { openStudy, studyCards } from "./helpers";

async function importFile(page: Page, file: string) {
  await page.getByLabel("Progress file (.json, up to 20 MB)").setInputFiles(file);
  await page.getByRole("button", { name: "Import" }).click();
}

test("export progress, import it into a fresh browser, see the same progress; a second import adds nothing", async ({ browser }, testInfo) => {
  const first = await browser.newContext();
  const page = await first.newPage();
  await studyCards(page, 3);
  await page.goto("/data");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download progress file" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^bn-progress-\d{4}-\d{2}-\d{2}\.json$/);
  const file = testInfo.outputPath("progress.json");
  await download.saveAs(file);
  const exported = JSON.parse(await readFile(file, "utf8"));
  expect(exported).toMatchObject({ format: "bn-interview-prep/progress", version: 1, checksum: expect.stringMatching(/^sha256:/) });
  expect(exported.payload.reviewLogs).toHaveLength(3);

  const second = await browser.newContext();
  const fresh = await second.newPage();
  await fresh.goto("/stats");
  await expect(fresh.getByTestId("stats-total-reviews")).toHaveText("0");

  // A tampered file is refused, with the reason next to the field, and changes nothing.
  const tampered = testInfo.outputPath("tampered.json");
  exported.payload.reviewLogs[0].rating = 1;
  await writeFile(tampered, JSON.stringify(exported));
  await fresh.goto("/data");
  await importFile(fresh, tampered);
  await expect(fresh.getByTestId("import-result")).toHaveText(/^Not imported, nothing was changed: the checksum does not match/);
  await fresh.goto("/stats");
  await expect(fresh.getByTestId("stats-total-reviews")).toHaveText("0");

  await fresh.goto("/data");
  await importFile(fresh, file);
  await expect(fresh.getByTestId("import-result")).toContainText("Imported: 3 new reviews (0 already here), 3 card states added");
  await importFile(fresh, file);
  await expect(fresh.getByTestId("import-result")).toContainText("Imported: 0 new reviews (3 already here), 0 card states added and 0 updated");

  for (const [context, view] of [[first, page], [second, fresh]] as const) {
    await view.goto("/stats");
    await expect(view.getByTestId("stats-reviews-today"), context === first ? "exporter" : "importer").toHaveText("3");
    await expect(view.getByTestId("stats-total-reviews")).toHaveText("3");
  }
  // Same cards due: the study screen of the new browser continues where the first left off.
  const nextHere = await (async () => {
    await openStudy(page);
    return page.getByTestId("study-card").getAttribute("data-card-id");
  })();
  await openStudy(fresh);
  await expect(fresh.getByTestId("study-card")).toHaveAttribute("data-card-id", nextHere!);
  await Promise.all([first.close(), second.close()]);
});

test("the Anki export is a tab-separated file with Anki's headers and MathJax delimiters, in either language", async ({ page }) => {
  await page.goto("/data");
  for (const [name, lang, deck] of [
    ["Download for Anki (English)", "en", "#deck:BN Interview Prep (English)"],
    ["Download for Anki (中文)", "zh", "#deck:BN 面试备考（中文）"],
  ] as const) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
    expect(download.suggestedFilename()).toBe(`bn-interview-prep-anki-${lang}.txt`);
    const text = await readFile((await download.path())!, "utf8");
    const lines = text.split("\n");
    expect(lines.slice(0, 3)).toEqual(["#separator:tab", "#html:true", deck]);
    expect(text).toContain("#tags column:4");
    expect(text).not.toContain('class="katex');
    expect(text).toMatch(/\\\(.+?\\\)/);
  }
  const bad = await page.request.get("/api/export/anki?lang=fr");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatchObject({ code: "invalid_request", path: ["lang"] });
});

test("the import API refuses what is not a progress file with a JSON error", async ({ page }) => {
  await page.goto("/data");
  const api = page.request;
  const notJson = await api.post("/api/import", { headers: { "content-type": "application/json" }, data: Buffer.from('{"format": "bn-inter') });
  expect(notJson.status()).toBe(400);
  expect((await notJson.json()).error.code).toBe("not_json");
  const foreign = await api.post("/api/import", { data: { format: "bn-interview-prep/progress", version: 9 } });
  expect(foreign.status()).toBe(400);
  expect((await foreign.json()).error).toMatchObject({ code: "unsupported_version", path: ["version"] });
  const form = await api.post("/api/import", { form: { file: "x" } });
  expect(form.status()).toBe(415);
  const anonymous = await page.context().browser()!.newContext();
  const noCookie = await anonymous.request.post(new URL("/api/import", page.url()).href, { data: {} });
  expect(noCookie.status()).toBe(401);
  await anonymous.close();
});
