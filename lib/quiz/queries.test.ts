import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { syncDeck } from "@/lib/content/sync";
import { loadTestDeck, learnerRef } from "@/lib/testing/deck";
import { resetDatabase } from "@/lib/testing/reset";
import { getQuizResult, getQuizScreen } from "./queries";
import { INTERVIEW } from "./request";
import { abandonQuiz, answerQuestion, createQuiz } from "./session";
import { WEAK_TOPIC_THRESHOLD, weakTopics } from "./weak-spots";

const learnerId = "c".repeat(64);
const learner = learnerRef(learnerId);
const t0 = new Date("2026-03-02T19:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

beforeAll(async () => {
  await syncDeck(await loadTestDeck());
}, 60_000);

beforeEach(async () => {
  await resetDatabase({ keepDeck: true });
  await prisma.learner.create({ data: { id: learnerId } });
});

async function openScreen(quizId: string, now: Date) {
  const screen = await getQuizScreen(learnerId, quizId, "en", now);
  if (screen?.status !== "open") throw new Error("the quiz should be open");
  return screen;
}

describe("a question's clock", () => {
  it("starts when the question is first shown and keeps running across later showings", async () => {
    const { id } = await createQuiz(learner, { mode: "interview" }, t0);
    expect((await openScreen(id, at(5))).elapsedMs).toBe(0);
    // A reload, Back/Forward or another device 40 s later: the clock is where it was, not back at zero.
    expect((await openScreen(id, at(45))).elapsedMs).toBe(40_000);
  });

  it("times the answer from when the question was first shown, whatever the page reports", async () => {
    const { id } = await createQuiz(learner, { mode: "interview" }, t0);
    const screen = await openScreen(id, at(0));
    const response = { concept: { kind: "self", outcome: "right" }, mcq: { kind: "mcq", chosen: ["a"] }, numeric: { kind: "numeric", text: "0" } }[screen.view.kind] as never;
    await answerQuestion(learner, id, { position: screen.position, response, durationMs: 2_000 }, at(100));
    const question = await prisma.quizQuestion.findFirstOrThrow({ where: { quizId: id, position: screen.position } });
    expect(question.durationMs).toBe(100_000);
    expect(await prisma.reviewLog.findUniqueOrThrow({ where: { id: question.reviewLogId! } })).toMatchObject({ durationMs: 100_000 });
    // The next question's clock starts when it is shown, not when the previous one was answered.
    expect((await openScreen(id, at(130))).elapsedMs).toBe(0);
  });
});

describe("the quiz result", () => {
  it("gives each answer's time and marks those over the interview's limit", async () => {
    const { id } = await createQuiz(learner, { mode: "interview" }, t0);
    const kinds: string[] = [];
    for (const [index, seconds] of [95, 30].entries()) {
      const shownAt = at(index * 200);
      const screen = await openScreen(id, shownAt);
      kinds.push(screen.view.kind);
      const response = { concept: { kind: "self", outcome: "wrong" }, mcq: { kind: "mcq", chosen: ["zz"] }, numeric: { kind: "numeric", text: "-1" } }[screen.view.kind] as never;
      await answerQuestion(learner, id, { position: screen.position, response, durationMs: 0 }, new Date(shownAt.getTime() + seconds * 1000));
    }
    await abandonQuiz(learnerId, id, at(500));
    const result = await getQuizResult(learnerId, id, "en");
    if (!result || result === "open") throw new Error("the quiz should have a result");
    expect(result.secondsPerQuestion).toBe(INTERVIEW.secondsPerQuestion);
    expect(result.questions.slice(0, 3).map((q) => [q.durationMs, q.overtime])).toEqual([
      [95_000, true],
      [30_000, false],
      [null, false],
    ]);
  });

  it("keeps the key points an explain answer was ticked as covering, each once and in order", async () => {
    const { id } = await createQuiz(learner, { mode: "custom", topics: ["motivation"], difficulties: ["E", "M", "H"], types: ["concept"], count: 5 });
    const screen = await openScreen(id, new Date());
    if (screen.view.kind !== "concept") throw new Error("an explain question");
    expect(screen.view.keyPoints.length).toBeGreaterThanOrEqual(2);
    await answerQuestion(learner, id, { position: 0, response: { kind: "self", outcome: "partly", text: "It helps", keyPoints: [1, 0, 1] }, durationMs: 0 });
    await abandonQuiz(learnerId, id);
    const result = await getQuizResult(learnerId, id, "en");
    if (!result || result === "open") throw new Error("the quiz should have a result");
    expect(result.questions[0]).toMatchObject({ outcome: "partly", writtenAnswer: "It helps", keyPointsCovered: [0, 1] });
    expect(result.questions[1]).toMatchObject({ outcome: null, keyPointsCovered: null });
  });

  it("names the topics scored below the weak-spot threshold, weakest first", async () => {
    const { id } = await createQuiz(learner, { mode: "custom", topics: ["motivation", "placement"], difficulties: ["E", "M", "H"], types: ["concept"], count: 20 });
    const quiz = await prisma.quizQuestion.findMany({ where: { quizId: id }, orderBy: { position: "asc" }, include: { card: { select: { topic: true } } } });
    // motivation all partly (½), placement all right.
    for (const question of quiz) {
      const outcome = question.card.topic === "motivation" ? "partly" : "right";
      await answerQuestion(learner, id, { position: question.position, response: { kind: "self", outcome }, durationMs: 0 });
    }
    const result = await getQuizResult(learnerId, id, "en");
    if (!result || result === "open") throw new Error("the quiz should have a result");
    expect(result.weakTopics).toEqual([{ topic: "motivation", share: 0.5 }]);
  });
});

describe("weakTopics", () => {
  it("takes the topics strictly below the threshold, weakest first", () => {
    expect(WEAK_TOPIC_THRESHOLD).toBe(0.7);
    expect(
      weakTopics({
        parameters: { points: 2, questions: 3 },
        placement: { points: 0, questions: 2 },
        algorithm: { points: 7, questions: 10 },
        backward: { points: 1, questions: 1 },
      }),
    ).toEqual([
      { topic: "placement", share: 0 },
      { topic: "parameters", share: 2 / 3 },
    ]);
  });
});
