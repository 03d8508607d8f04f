import { beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { parseCard } from "@/lib/content/parse";
import { syncDeck } from "@/lib/content/sync";
import { answerQuestion, createQuiz } from "@/lib/quiz/session";
import { gradeCard } from "@/lib/srs/review";
import { deckCard, mcqSource, storedCard, learnerRef } from "@/lib/testing/deck";
import { ankiDeck, toAnkiHtml } from "./anki";
import { canonicalJson, FORMAT, sealProgress, type ProgressFile } from "./format";
import { exportProgress, getAnkiDeck, importProgressFile } from "./progress";
import { resetDatabase } from "@/lib/testing/reset";

const alice = "a".repeat(64);
const bob = "b".repeat(64);
const t0 = new Date("2026-03-02T10:00:00.000Z");
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

beforeEach(async () => {
  await resetDatabase();
  await syncDeck([deckCard("card-a"), deckCard("card-b"), deckCard("card-c", { front: { topic: "backward" } })]);
  await prisma.learner.createMany({ data: [{ id: alice }, { id: bob }] });
});

/** Alice: settings changed (an interview date too), three cards graded (one twice, one undone-free lapse), one finished quiz. */
async function studyAsAlice() {
  await prisma.learner.update({ where: { id: alice }, data: { desiredRetention: 0.85, newCardsPerDay: 7, interviewDate: "2026-03-20" } });
  await gradeCard({ learner: learnerRef(alice), cardId: "card-a", rating: 3, durationMs: 4000, now: t0 });
  await gradeCard({ learner: learnerRef(alice), cardId: "card-a", rating: 1, durationMs: 2500, now: later(11) });
  await gradeCard({ learner: learnerRef(alice), cardId: "card-c", rating: 4, durationMs: 1000, now: later(12) });
  const { id } = await createQuiz(learnerRef(alice), { mode: "custom", topics: ["parameters"], difficulties: ["M"], types: ["concept"], count: 5 });
  await answerQuestion(learnerRef(alice), id, { position: 0, response: { kind: "self", outcome: "right" }, durationMs: 3000 }, later(20));
  await answerQuestion(learnerRef(alice), id, { position: 1, response: { kind: "self", outcome: "partly", text: "<b>not html</b>" }, durationMs: 3000 }, later(21));
}

const exportText = async (learnerId: string) => JSON.stringify(await exportProgress(learnerRef(learnerId), t0), null, 2);

/** Everything stored for a learner, in a comparable form. */
async function snapshot(learnerId: string) {
  const [learner, states, logs, quizzes] = await Promise.all([
    prisma.learner.findUnique({ where: { id: learnerId } }),
    prisma.cardState.findMany({ where: { learnerId }, orderBy: { cardId: "asc" } }),
    prisma.reviewLog.findMany({ where: { learnerId }, orderBy: { id: "asc" } }),
    prisma.quiz.findMany({ where: { learnerId }, include: { questions: true }, orderBy: { createdAt: "asc" } }),
  ]);
  return { learner, states, logs, quizzes };
}

describe("export → import", () => {
  it("round-trips a learner's whole progress into a fresh installation unchanged", async () => {
    await studyAsAlice();
    const original = await exportProgress(learnerRef(alice), t0);
    expect(original).toMatchObject({ format: FORMAT, version: 1, exportedAt: t0.toISOString(), checksum: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    expect(original.payload.reviewLogs).toHaveLength(5);
    expect(original.payload.cardStates).toHaveLength(3);
    expect(original.payload.quizzes).toHaveLength(1);
    const before = await snapshot(alice);

    // Another installation: same deck, no learners yet; a new browser there gets a new learner.
    await prisma.learner.deleteMany();
    const carol = "c".repeat(64);
    await prisma.learner.create({ data: { id: carol } });
    const report = await importProgressFile(learnerRef(carol), JSON.stringify(original));
    expect(report).toEqual({
      reviewLogs: { added: 5, alreadyThere: 0 },
      cardStates: { added: 3, updated: 0, kept: 0 },
      quizzes: { added: 1, alreadyThere: 0 },
      skippedCards: [],
    });
    const again = await exportProgress(learnerRef(carol), t0);
    expect(again.payload).toEqual(original.payload);
    expect(again.checksum).toBe(original.checksum);

    const after = await snapshot(carol);
    const withoutIds = (s: typeof before) => ({
      learner: { ...s.learner, id: undefined, createdAt: undefined },
      states: s.states.map((row) => ({ ...row, learnerId: undefined })),
      logs: s.logs.map((row) => ({ ...row, id: undefined, learnerId: undefined })),
      quizzes: s.quizzes.map((quiz) => ({ ...quiz, learnerId: undefined, questions: quiz.questions.map((q) => ({ ...q, id: undefined, reviewLogId: undefined })) })),
    });
    expect(withoutIds(after)).toEqual(withoutIds(before));
    // Each answered question still points at the review it wrote.
    for (const question of after.quizzes[0]!.questions.filter((q) => q.answeredAt)) {
      const log = after.logs.find((row) => row.id === question.reviewLogId);
      expect(log).toMatchObject({ cardId: question.cardId, reviewedAt: question.answeredAt });
    }
  });

  it("imports into another browser of the same installation, and a second import of the same file adds nothing", async () => {
    await studyAsAlice();
    const file = await exportText(alice);
    const first = await importProgressFile(learnerRef(bob), file);
    expect(first.reviewLogs).toEqual({ added: 5, alreadyThere: 0 });
    expect(first.quizzes).toEqual({ added: 1, alreadyThere: 0 });
    const once = await snapshot(bob);
    // Quiz ids are global, so Bob's copy of Alice's quiz gets its own id.
    expect(once.quizzes[0]!.id).not.toBe((await snapshot(alice)).quizzes[0]!.id);
    expect(once.learner).toMatchObject({ desiredRetention: 0.85, newCardsPerDay: 7, interviewDate: "2026-03-20" });
    expect((await exportProgress(learnerRef(bob), t0)).payload.settings.interviewDate).toBe("2026-03-20");
    // A learner with no interview date writes no such key: the file reads as files did before dates existed.
    await prisma.learner.update({ where: { id: bob }, data: { interviewDate: null } });
    expect(Object.keys((await exportProgress(learnerRef(bob), t0)).payload.settings)).not.toContain("interviewDate");

    const second = await importProgressFile(learnerRef(bob), file);
    expect(second).toEqual({
      reviewLogs: { added: 0, alreadyThere: 5 },
      cardStates: { added: 0, updated: 0, kept: 3 },
      quizzes: { added: 0, alreadyThere: 1 },
      skippedCards: [],
    });
    expect(await snapshot(bob)).toEqual(once);
    expect(await prisma.reviewLog.count({ where: { learnerId: alice } })).toBe(5);
  });

  it("merges with progress already here: newer card states win, own reviews stay", async () => {
    await studyAsAlice();
    const file = await exportText(alice);
    // Bob reviewed card-a and card-b after Alice last did (her quiz, at +20 and +21 min); his card-c is older than hers.
    await gradeCard({ learner: learnerRef(bob), cardId: "card-c", rating: 3, durationMs: 0, now: later(-60) });
    await gradeCard({ learner: learnerRef(bob), cardId: "card-a", rating: 3, durationMs: 0, now: later(30) });
    await gradeCard({ learner: learnerRef(bob), cardId: "card-b", rating: 3, durationMs: 0, now: later(31) });
    const bobsA = await prisma.cardState.findUnique({ where: { learnerId_cardId: { learnerId: bob, cardId: "card-a" } } });
    const report = await importProgressFile(learnerRef(bob), file);
    expect(report.cardStates).toEqual({ added: 0, updated: 1, kept: 2 });
    expect(report.reviewLogs.added).toBe(5);
    expect(await prisma.reviewLog.count({ where: { learnerId: bob } })).toBe(8);
    expect(await prisma.cardState.findUnique({ where: { learnerId_cardId: { learnerId: bob, cardId: "card-a" } } })).toEqual(bobsA);
    const alicesC = await prisma.cardState.findUnique({ where: { learnerId_cardId: { learnerId: alice, cardId: "card-c" } } });
    expect(await prisma.cardState.findUnique({ where: { learnerId_cardId: { learnerId: bob, cardId: "card-c" } } })).toEqual({ ...alicesC, learnerId: bob });
  });

  it("skips cards this deck does not have and names them", async () => {
    await studyAsAlice();
    const file = await exportProgress(learnerRef(alice), t0);
    const gone = file.payload.reviewLogs[0]!;
    const payload = {
      ...file.payload,
      // The state its one review left: a file describes progress this app could have made.
      cardStates: [
        ...file.payload.cardStates,
        { ...file.payload.cardStates[0]!, cardId: "gone-card", lastReview: gone.reviewedAt, state: gone.stateAfter, due: gone.dueAfter },
      ],
      reviewLogs: [...file.payload.reviewLogs, { ...gone, cardId: "gone-card" }],
    };
    const report = await importProgressFile(learnerRef(bob), JSON.stringify(sealProgress(payload, t0)));
    expect(report.skippedCards).toEqual(["gone-card"]);
    expect(report.reviewLogs.added).toBe(5);
    expect(report.cardStates.added).toBe(3);
    expect(await prisma.reviewLog.count({ where: { learnerId: bob, cardId: "gone-card" } })).toBe(0);
  });
});

describe("a bad progress file", () => {
  const reseal = (file: ProgressFile, change: (file: ProgressFile) => unknown) => {
    const copy = structuredClone(file);
    const changed = (change(copy) ?? copy) as ProgressFile;
    return JSON.stringify({ ...changed, checksum: sealProgress(changed.payload, new Date(changed.exportedAt)).checksum });
  };

  it.each<[string, string, (file: ProgressFile, text: string) => string]>([
    ["not JSON", "not_json", () => "this is not json"],
    ["truncated", "not_json", (_, text) => text.slice(0, Math.floor(text.length * 0.6))],
    ["of another app", "foreign_format", (file) => JSON.stringify({ ...file, format: "anki/collection" })],
    ["an array", "foreign_format", () => "[1, 2, 3]"],
    ["from a future version", "unsupported_version", (file) => JSON.stringify({ ...file, version: 2 })],
    ["tampered with (a rating changed)", "checksum_mismatch", (file) => {
      const copy = structuredClone(file);
      copy.payload.reviewLogs[0]!.rating = 4;
      return JSON.stringify(copy);
    }],
    ["without its checksum", "checksum_mismatch", (file) => JSON.stringify({ ...file, checksum: undefined })],
    ["valid-looking but with an impossible rating", "invalid_file", (file) => reseal(file, (copy) => void (copy.payload.reviewLogs[0]!.rating = 7))],
    ["with a duplicate review", "invalid_file", (file) => reseal(file, (copy) => void copy.payload.reviewLogs.push(copy.payload.reviewLogs[0]!))],
    ["with a bad date", "invalid_file", (file) => reseal(file, (copy) => void (copy.payload.cardStates[0]!.due = "yesterday"))],
    ["with an unknown field", "invalid_file", (file) => reseal(file, (copy) => ({ ...copy, payload: { ...copy.payload, extra: 1 } }))],
    ["with settings out of range", "invalid_file", (file) => reseal(file, (copy) => void (copy.payload.settings.desiredRetention = 5))],
    ["with an interview date that is no date", "invalid_file", (file) => reseal(file, (copy) => void (copy.payload.settings.interviewDate = "2026-02-30"))],
    ["too large", "too_large", () => " ".repeat(20 * 1024 * 1024 + 1)],
  ])("is refused when %s, with a clear message and nothing changed", async (_, code, make) => {
    await studyAsAlice();
    await gradeCard({ learner: learnerRef(bob), cardId: "card-b", rating: 3, durationMs: 0, now: t0 });
    const file = await exportProgress(learnerRef(alice), t0);
    const before = await snapshot(bob);
    const error = await importProgressFile(learnerRef(bob), make(file, JSON.stringify(file))).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "TransferError", code, message: expect.any(String) });
    expect(await snapshot(bob)).toEqual(before);
  });

  it("names the field that is wrong", async () => {
    await studyAsAlice();
    const file = await exportProgress(learnerRef(alice), t0);
    file.payload.reviewLogs[1]!.rating = 0;
    const text = JSON.stringify(sealProgress(file.payload, t0));
    await expect(importProgressFile(learnerRef(bob), text)).rejects.toMatchObject({ code: "invalid_file", path: ["payload", "reviewLogs", 1, "rating"] });
  });

  it("is refused for a learner who does not exist", async () => {
    await studyAsAlice();
    const text = await exportText(alice);
    await expect(importProgressFile(learnerRef("f".repeat(64)), text)).rejects.toMatchObject({ code: "unauthorized", status: 401 });
    expect(await prisma.learner.count({ where: { id: "f".repeat(64) } })).toBe(0);
  });
});

describe("canonicalJson", () => {
  it("sorts keys at every level so formatting does not change the checksum", () => {
    expect(canonicalJson({ b: [2, { d: 1, c: null }], a: "x" })).toBe('{"a":"x","b":[2,{"c":null,"d":1}]}');
  });
});

describe("the Anki export", () => {
  it("keeps math as MathJax delimiters, not KaTeX HTML", () => {
    expect(toAnkiHtml(parseCard("x.md", mcqSource()).body.en.answer)).toBe("<p>One \\(\\gamma\\), \\(\\beta\\) pair per channel.</p>");
  });

  it("writes Anki's headers and one quoted row per card, in either language", async () => {
    const cards = [storedCard(deckCard("card-a", { front: { lab: "[dropout]" } })), storedCard(parseCard("mcq.md", mcqSource({ id: "mcq" })))];
    const en = await ankiDeck(cards, "en");
    const lines = en.trimEnd().split("\n");
    expect(lines.slice(0, 6)).toEqual([
      "#separator:tab",
      "#html:true",
      "#deck:BN Interview Prep (English)",
      "#columns:GUID\tFront\tBack\tTags",
      "#guid column:1",
      "#tags column:4",
    ]);
    expect(en).not.toContain("katex");
    expect(en).toContain("\\(2C\\)");
    expect(en).toContain("bn-interview-prep:en:card-a\t");
    // A card's lab links stay in the app: no lab-… tag reaches Anki.
    expect(en).toContain("topic::parameters difficulty::M type::concept cnn\n");
    expect(en).toContain('<ol type=""a"">');
    expect(en).toContain("a) \\(2C\\)");

    const zh = await ankiDeck(cards, "zh");
    expect(zh).toContain("#deck:BN 面试备考（中文）");
    expect(zh).toContain("每个通道两个：\\(2C\\)。");
    expect(zh).toContain("bn-interview-prep:zh:mcq\t");
  });
});

describe("the checksum read in slices", () => {
  it("is the checksum of the whole canonical JSON, whatever the key order", async () => {
    await studyAsAlice();
    const file = await exportProgress(learnerRef(alice), t0);
    const reordered = { payload: { quizzes: file.payload.quizzes, reviewLogs: file.payload.reviewLogs, settings: file.payload.settings, cardStates: file.payload.cardStates }, checksum: file.checksum, version: 1, exportedAt: file.exportedAt, format: FORMAT };
    await expect(importProgressFile(learnerRef(bob), JSON.stringify(reordered))).resolves.toMatchObject({ reviewLogs: { added: 5 } });
  });
});

describe("the Anki file for download", () => {
  it("is built once per deck version and language, and again when the deck changes", async () => {
    const reads = vi.spyOn(prisma.card, "findMany");
    const builds = () => reads.mock.calls.filter(([args]) => args?.select && "body" in args.select).length;
    const first = await getAnkiDeck("en");
    expect(builds()).toBe(1);
    expect(await getAnkiDeck("en")).toBe(first);
    expect(builds()).toBe(1);
    expect(first).toContain("bn-interview-prep:en:card-a\t");
    await syncDeck([deckCard("card-a"), deckCard("card-b"), deckCard("card-c", { front: { topic: "backward" } }), deckCard("card-d")]);
    const changed = await getAnkiDeck("en");
    expect(changed).not.toBe(first);
    expect(changed).toContain("bn-interview-prep:en:card-d\t");
    expect(builds()).toBe(2);
    reads.mockRestore();
  });
});
