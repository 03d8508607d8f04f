import { expect, request, test } from "./fixtures";
import { openStudy, revealAnswer } from "./helpers";

test("another learner sees none of the first learner's reviews and no one grades with a forged or missing cookie", async ({
  browser,
  baseURL,
}) => {
  const first = await browser.newContext();
  const page = await first.newPage();
  await openStudy(page);
  const cardId = (await page.getByTestId("study-card").getAttribute("data-card-id"))!;
  await revealAnswer(page);
  await page.keyboard.press("3");
  await expect(page.getByTestId("study-card")).not.toHaveAttribute("data-card-id", cardId);

  const cookie = (await first.cookies()).find((c) => c.name === "bn_learner")!;
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe("Lax");
  // 256 random bits and this installation's signature over them.
  expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{22}$/);

  const api = await first.request.post("/api/reviews", { data: { cardId, rating: 4 } });
  expect(api.status()).toBe(201);

  const second = await browser.newContext();
  const other = await second.newPage();
  await other.goto("/");
  await expect(other.getByTestId("reviews-today")).toHaveText("0");
  await other.goto(`/cards/${cardId}`);
  await expect(other.getByText("You have not reviewed this card yet.")).toBeVisible();

  const anonymous = await request.newContext({ baseURL });
  const missing = await anonymous.post("/api/reviews", { data: { cardId, rating: 1 } });
  expect(missing.status()).toBe(401);
  expect((await missing.json()).error.code).toBe("unauthorized");

  const forgedToken = "A".repeat(43);
  const forged = await request.newContext({ baseURL, extraHTTPHeaders: { cookie: `bn_learner=${forgedToken}` } });
  expect((await forged.post("/api/reviews", { data: { cardId, rating: 1 } })).status()).toBe(401);
  expect((await forged.post("/api/reviews/undo")).status()).toBe(401);

  await page.goto(`/cards/${cardId}`);
  await expect(page.getByTestId("review-history").locator("tbody tr")).toHaveCount(2);
  await Promise.all([first.close(), second.close(), anonymous.dispose(), forged.dispose()]);
});

test("the grading API rejects bad input with a JSON error and writes nothing", async ({ page }) => {
  await openStudy(page);
  const cardId = (await page.getByTestId("study-card").getAttribute("data-card-id"))!;
  const api = page.request;
  const cases = [
    { data: { cardId, rating: 5 }, status: 400, code: "invalid_request", path: ["rating"] },
    { data: { cardId, rating: 0 }, status: 400, code: "invalid_request", path: ["rating"] },
    { data: { cardId, rating: "3" }, status: 400, code: "invalid_request", path: ["rating"] },
    { data: { cardId, rating: 2.5 }, status: 400, code: "invalid_request", path: ["rating"] },
    { data: { rating: 3 }, status: 400, code: "invalid_request", path: ["cardId"] },
    { data: { cardId: "no-such-card", rating: 3 }, status: 404, code: "unknown_card", path: ["cardId"] },
  ];
  for (const { data, status, code, path } of cases) {
    const response = await api.post("/api/reviews", { data });
    expect(response.status(), JSON.stringify(data)).toBe(status);
    const body = await response.json();
    expect(body.error).toMatchObject({ code, path });
    expect(body.error.message).toEqual(expect.any(String));
  }
  const malformed = await api.post("/api/reviews", { headers: { "content-type": "application/json" }, data: Buffer.from("{not json") });
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).error.code).toBe("invalid_json");
  const notJson = await api.post("/api/reviews", { form: { cardId, rating: "3" } });
  expect(notJson.status()).toBe(415);
  const nothing = await api.post("/api/reviews/undo");
  expect(nothing.status()).toBe(409);
  expect((await nothing.json()).error.code).toBe("nothing_to_undo");

  await page.goto("/");
  await expect(page.getByTestId("reviews-today")).toHaveText("0");
});
