import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { syncDeck } from "@/lib/content/sync";
import { prisma } from "@/lib/db";
import { answerQuestion, createQuiz } from "@/lib/quiz/session";
import { gradeCard, undoLastReview } from "@/lib/srs/review";
import { deckCard, learnerRef } from "@/lib/testing/deck";
import { resetDatabase } from "@/lib/testing/reset";
import { sealProgress, type ProgressFile } from "./format";
import { exportProgress, importProgressFile } from "./progress";

// Progress files made by the app itself from random study sessions import cleanly and round-trip; each kind of
// file the app could not have made is refused, naming a field, with nothing written.
const CARDS = ["card-a", "card-b", "card-c", "card-d"];
const t0 = Date.UTC(2026, 0, 5, 9);


type Step = { kind: "grade"; card: number; rating: 1 | 2 | 3 | 4; minutes: number } | { kind: "undo" } | { kind: "quiz"; answers: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("grade" as const), card: fc.integer({ min: 0, max: 3 }), rating: fc.constantFrom(1, 2, 3, 4 as const), minutes: fc.integer({ min: 1, max: 20_000 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "undo" as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("quiz" as const), answers: fc.integer({ min: 0, max: 5 }) }) },
);

/** A learner who studied by these steps (times increasing from t0), and their exported file. */
async function studied(steps: Step[]): Promise<{ learner: ReturnType<typeof learnerRef>; file: ProgressFile }> {
  const learner = learnerRef(`learner-${randomUUID()}`);
  await prisma.learner.create({ data: { id: learner.id } });
  let clock = t0;
  for (const s of steps) {
    if (s.kind === "grade") {
      clock += s.minutes * 60_000;
      await gradeCard({ learner, cardId: CARDS[s.card]!, rating: s.rating, durationMs: 1000, now: new Date(clock) });
    } else if (s.kind === "undo") {
      await undoLastReview(learner).catch(() => undefined);
    } else {
      clock += 60_000;
      const { id } = await createQuiz(learner, { mode: "custom", topics: ["parameters"], difficulties: ["M"], types: ["concept"], count: 5 }, new Date(clock));
      for (let position = 0; position < s.answers && position < CARDS.length; position++) {
        clock += 60_000;
        await answerQuestion(learner, id, { position, response: { kind: "self", outcome: "partly" }, durationMs: 500 }, new Date(clock));
      }
    }
  }
  return { learner, file: await exportProgress(learner, new Date(clock + 60_000)) };
}

const withoutQuizIds = (file: ProgressFile) => ({ ...file.payload, quizzes: file.payload.quizzes.map(({ id: _id, ...quiz }) => quiz) });

async function snapshot(learnerId: string) {
  const [learner, states, logs, quizzes] = await Promise.all([
    prisma.learner.findUnique({ where: { id: learnerId } }),
    prisma.cardState.findMany({ where: { learnerId }, orderBy: { cardId: "asc" } }),
    prisma.reviewLog.findMany({ where: { learnerId }, orderBy: { id: "asc" } }),
    prisma.quiz.findMany({ where: { learnerId }, include: { questions: true } }),
  ]);
  return { learner, states, logs, quizzes };
}

/** Each change makes a file the app could not have written; null when this file has nothing to change. */
const MUTATIONS: Record<string, (payload: ProgressFile["payload"]) => boolean> = {
  "a difficulty of 0": (p) => Boolean(p.cardStates[0] && (p.cardStates[0].difficulty = 0) === 0),
  "a stability of 0": (p) => Boolean(p.cardStates[0] && (p.cardStates[0].stability = 0) === 0),
  "a last review in the future": (p) => Boolean(p.cardStates[0] && (p.cardStates[0].lastReview = "2099-01-01T00:00:00.000Z")),
  "a reviewed card with no last review": (p) => Boolean(p.cardStates[0] && ((p.cardStates[0] as { lastReview: unknown }).lastReview = null) === null),
  "reviews without their card's state": (p) => p.cardStates.length > 0 && Boolean(p.cardStates.shift()),
  "a state that is not what its latest review left": (p) => Boolean(p.cardStates[0] && (p.cardStates[0].state = p.cardStates[0].state === 2 ? 3 : 2)),
  "a review with no previous state that was not new": (p) => {
    const log = p.reviewLogs.find((entry) => entry.previous === null);
    return Boolean(log && (log.stateBefore = 2));
  },
  "a duplicate review": (p) => p.reviewLogs.length > 0 && p.reviewLogs.push(p.reviewLogs[0]!) > 0,
  "quiz questions numbered from 1": (p) => Boolean(p.quizzes[0] && p.quizzes[0].questions.forEach((q) => (q.position += 1)) === undefined),
  "a quiz with every answer but never finished": (p) => {
    const quiz = p.quizzes.find((q) => q.finishedAt !== null);
    return Boolean(quiz && ((quiz.finishedAt = null) === null));
  },
  "a finished quiz with an unanswered question": (p) => {
    const quiz = p.quizzes.find((q) => q.finishedAt === null && q.abandonedAt === null);
    return Boolean(quiz && (quiz.finishedAt = quiz.createdAt));
  },
  "an answer without its outcome": (p) => {
    const question = p.quizzes.flatMap((q) => q.questions).find((q) => q.answeredAt !== null);
    return Boolean(question && ((question.outcome = null) === null));
  },
};

beforeAll(async () => {
  await resetDatabase();
  await syncDeck(CARDS.map((id) => deckCard(id)));
});

beforeEach(async () => {
  await prisma.rateLimit.deleteMany();
});

describe("progress files", () => {
  it("that the app made import cleanly into a new learner and export again the same", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        const { file } = await studied(steps);
        const copy = learnerRef(`copy-${randomUUID()}`);
        await prisma.learner.create({ data: { id: copy.id } });
        const report = await importProgressFile(copy, JSON.stringify(file));
        expect(report.reviewLogs.added).toBe(file.payload.reviewLogs.length);
        expect(report.skippedCards).toEqual([]);
        const again = await exportProgress(copy, new Date(file.exportedAt));
        expect(withoutQuizIds(again)).toEqual(withoutQuizIds(file));
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it("that the app could not have made are refused, naming the field, with nothing written", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 14 }), fc.constantFrom(...Object.keys(MUTATIONS)), async (steps, mutation) => {
        const { file } = await studied(steps);
        const payload = structuredClone(file.payload);
        fc.pre(MUTATIONS[mutation]!(payload));
        const target = learnerRef(`target-${randomUUID()}`);
        await prisma.learner.create({ data: { id: target.id } });
        const before = await snapshot(target.id);
        const text = JSON.stringify(sealProgress(payload, new Date(file.exportedAt)));
        const error = await importProgressFile(target, text).catch((e: unknown) => e);
        expect(error, mutation).toMatchObject({ name: "TransferError", code: "invalid_file", status: 400, path: expect.arrayContaining(["payload"]) });
        expect(await snapshot(target.id)).toEqual(before);
      }),
      { numRuns: 40 },
    );
  }, 180_000);
});
