import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { syncDeck } from "@/lib/content/sync";
import { learnerCookieKey, newLearnerToken } from "@/lib/learner";
import { deckCard, mcqSource, parseTestCard } from "@/lib/testing/deck";
import * as devices from "@/app/api/account/devices/route";
import * as revoke from "@/app/api/account/devices/revoke/route";
import * as links from "@/app/api/account/links/route";
import * as redeem from "@/app/api/account/links/redeem/route";
import * as register from "@/app/api/account/passkeys/register/route";
import * as registerOptions from "@/app/api/account/passkeys/register/options/route";
import * as signIn from "@/app/api/account/passkeys/sign-in/route";
import * as signInOptions from "@/app/api/account/passkeys/sign-in/options/route";
import * as recover from "@/app/api/account/recover/route";
import * as signOut from "@/app/api/account/sign-out/route";
import * as backward from "@/app/api/bn/backward/route";
import * as fold from "@/app/api/bn/fold/route";
import * as forward from "@/app/api/bn/forward/route";
import * as params from "@/app/api/bn/params/route";
import * as rmsNorm from "@/app/api/bn/rms-norm/route";
import * as anki from "@/app/api/export/anki/route";
import * as exportRoute from "@/app/api/export/route";
import * as health from "@/app/api/health/route";
import * as importRoute from "@/app/api/import/route";
import * as answers from "@/app/api/quizzes/[id]/answers/route";
import * as quizzes from "@/app/api/quizzes/route";
import * as reviews from "@/app/api/reviews/route";
import * as undo from "@/app/api/reviews/undo/route";

// Every JSON route, fed generated requests (bodies, path parameters, query strings, cookies, content types):
// bad input always gets a 4xx JSON answer, never a 5xx.
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ROUTES: { name: string; method: "GET" | "POST"; handler: Handler; path: string }[] = [
  { name: "POST /api/reviews", method: "POST", handler: reviews.POST as Handler, path: "/api/reviews" },
  { name: "POST /api/reviews/undo", method: "POST", handler: undo.POST as Handler, path: "/api/reviews/undo" },
  { name: "POST /api/quizzes", method: "POST", handler: quizzes.POST as Handler, path: "/api/quizzes" },
  { name: "POST /api/quizzes/[id]/answers", method: "POST", handler: answers.POST as Handler, path: "/api/quizzes/x/answers" },
  { name: "GET /api/export", method: "GET", handler: exportRoute.GET as unknown as Handler, path: "/api/export" },
  { name: "GET /api/export/anki", method: "GET", handler: anki.GET as unknown as Handler, path: "/api/export/anki" },
  { name: "POST /api/import", method: "POST", handler: importRoute.POST as Handler, path: "/api/import" },
  { name: "POST /api/bn/forward", method: "POST", handler: forward.POST as Handler, path: "/api/bn/forward" },
  { name: "POST /api/bn/backward", method: "POST", handler: backward.POST as Handler, path: "/api/bn/backward" },
  { name: "POST /api/bn/params", method: "POST", handler: params.POST as Handler, path: "/api/bn/params" },
  { name: "POST /api/bn/fold", method: "POST", handler: fold.POST as Handler, path: "/api/bn/fold" },
  { name: "POST /api/bn/rms-norm", method: "POST", handler: rmsNorm.POST as Handler, path: "/api/bn/rms-norm" },
  { name: "GET /api/health", method: "GET", handler: health.GET as unknown as Handler, path: "/api/health" },
  { name: "POST /api/account/passkeys/register/options", method: "POST", handler: registerOptions.POST as Handler, path: "/api/account/passkeys/register/options" },
  { name: "POST /api/account/passkeys/register", method: "POST", handler: register.POST as Handler, path: "/api/account/passkeys/register" },
  { name: "POST /api/account/passkeys/sign-in/options", method: "POST", handler: signInOptions.POST as Handler, path: "/api/account/passkeys/sign-in/options" },
  { name: "POST /api/account/passkeys/sign-in", method: "POST", handler: signIn.POST as Handler, path: "/api/account/passkeys/sign-in" },
  { name: "POST /api/account/links", method: "POST", handler: links.POST as Handler, path: "/api/account/links" },
  { name: "POST /api/account/links/redeem", method: "POST", handler: redeem.POST as Handler, path: "/api/account/links/redeem" },
  { name: "POST /api/account/recover", method: "POST", handler: recover.POST as Handler, path: "/api/account/recover" },
  { name: "GET /api/account/devices", method: "GET", handler: devices.GET as unknown as Handler, path: "/api/account/devices" },
  { name: "POST /api/account/devices/revoke", method: "POST", handler: revoke.POST as Handler, path: "/api/account/devices/revoke" },
  { name: "POST /api/account/sign-out", method: "POST", handler: signOut.POST as Handler, path: "/api/account/sign-out" },
];

let signedToken = "";

beforeAll(async () => {
  await syncDeck([deckCard("card-a"), parseTestCard("mcq.md", mcqSource({ id: "mcq-a" }))]);
  signedToken = newLearnerToken(await learnerCookieKey());
});

const loneSurrogates = fc.constantFrom("\ud800", "a\udfffb", "\udbff");
const text = fc.oneof(fc.string(), fc.string({ unit: "binary" }), loneSurrogates, fc.constantFrom("%", "%ff", "card-a", "mcq-a", "../x", ""));
const deep = fc.integer({ min: 1, max: 5_000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth));
const leaf = fc.oneof(fc.double(), fc.integer(), fc.boolean(), fc.constant(null), text, fc.constantFrom(1e308, -1e308, 5e-324));
const value = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("any"), { maxLength: 4 }), fc.dictionary(text, tie("any"), { maxKeys: 4 })),
})).any;
// Bodies shaped like the real ones, with some fields wrong, as well as arbitrary JSON and text.
const plausible = fc.record(
  {
    cardId: fc.oneof(text, fc.constant("card-a")),
    rating: fc.oneof(fc.integer({ min: -2, max: 6 }), leaf),
    durationMs: leaf,
    mode: fc.constantFrom("custom", "interview", "x"),
    count: fc.constantFrom(5, 10, 20, 0, 3),
    position: fc.oneof(fc.integer({ min: -1, max: 30 }), leaf),
    response: value,
    shape: fc.oneof(fc.array(fc.integer({ min: -2, max: 2_000 }), { maxLength: 6 }), leaf),
    input: fc.oneof(fc.array(fc.double(), { maxLength: 8 }), leaf),
    gamma: fc.oneof(fc.array(fc.double(), { maxLength: 3 }), leaf),
    layer: fc.constantFrom("BatchNorm2d", "LayerNorm", "Conv2d", "linear", "conv", "x"),
    normalizedShape: fc.oneof(fc.array(fc.integer(), { maxLength: 12 }), leaf),
    weightShape: fc.oneof(fc.array(fc.integer({ min: -1, max: 5 }), { maxLength: 6 }), leaf),
    weight: fc.oneof(fc.array(fc.double(), { maxLength: 8 }), leaf),
    format: fc.constantFrom("bn-interview-prep/progress", "x"),
    version: fc.constantFrom(1, 2),
    payload: value,
    checksum: text,
    code: fc.oneof(text, fc.constantFrom("K7M4 QX9P", "ABCDE-FGHJK", "23456789")),
    device: fc.oneof(text, fc.constant("0123456789abcdef")),
    others: leaf,
    id: fc.oneof(text, fc.constant("AAAA")),
    rawId: fc.oneof(text, fc.constant("AAAA")),
    type: fc.constantFrom("public-key", "x"),
    clientExtensionResults: value,
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  plausible.map((object) => JSON.stringify(object)),
  value.map((any) => JSON.stringify(any) ?? "null"),
  deep,
  loneSurrogates.map((lone) => `{"cardId":"${lone}","rating":3}`),
  fc.string(),
);
// Header values are bytes: what a client can send at all.
const headerText = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 80 });
const cookie = fc.oneof(
  fc.constant(undefined),
  fc.constant("signed"),
  fc.constant("bn_learner=" + "A".repeat(43)),
  headerText.map((value) => `bn_learner=${value}`),
  headerText.map((value) => `bn_tz=${value}; bn_learner=x`),
);
const contentType = fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", undefined);
const origin = fc.constantFrom(undefined, "http://localhost", "https://elsewhere.example", "null");
const query = fc.oneof(fc.constant(""), fc.constantFrom("?lang=en", "?lang=zh", "?lang=xx", "?lang=en&lang=zh", "?x=%ff"));

describe("every JSON route, on generated requests", () => {
  it.each(ROUTES)("never answers 5xx: $name", async (route) => {
    await fc.assert(
      fc.asyncProperty(body, cookie, contentType, query, text, origin, async (payload, jar, type, search, id, from) => {
        const headers = new Headers();
        if (from) headers.set("origin", from);
        if (type) headers.set("content-type", type);
        if (jar) headers.set("cookie", jar === "signed" ? `bn_learner=${signedToken}` : jar);
        const init: RequestInit = { method: route.method, headers };
        if (route.method === "POST") init.body = payload;
        const response = await route.handler(new Request(`http://localhost${route.path}${search}`, init), { params: Promise.resolve({ id }) });
        expect(response.status, `${route.name} ← ${String(init.body).slice(0, 200)}`).toBeLessThan(500);
        if (response.status >= 400 && route.name !== "GET /api/health") {
          const answer = await response.json();
          expect(answer.error).toMatchObject({ code: expect.any(String), message: expect.any(String), path: expect.any(Array) });
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
