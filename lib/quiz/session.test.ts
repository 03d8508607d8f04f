import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { syncDeck } from "@/lib/content/sync";
import { gradeCard } from "@/lib/srs/review";
import { applyGrade } from "@/lib/srs/scheduler";
import { buildQuestion, explainQuestion } from "@/lib/practice";
import { loadTestDeck, learnerRef } from "@/lib/testing/deck";
import { INTERVIEW } from "./request";
import { abandonQuiz, answerQuestion, changeQuizGrade, createQuiz, getQuiz, listQuizzes, QuizError } from "./session";
import { resetDatabase } from "@/lib/testing/reset";

const learnerId = "d".repeat(64);
const strangerId = "e".repeat(64);

beforeAll(async () => {
  await syncDeck(await loadTestDeck());
}, 60_000);

beforeEach(async () => {
  await resetDatabase({ keepDeck: true });
  await prisma.learner.createMany({ data: [{ id: learnerId }, { id: strangerId }] });
});

const custom = (overrides: Partial<{ topics: string[]; types: string[]; count: 5 | 10 | 20 }> = {}) =>
  ({
    mode: "custom",
    topics: ["parameters"],
    difficulties: ["E", "M", "H"],
    types: ["mcq", "numeric"],
    count: 5,
    ...overrides,
  }) as Parameters<typeof createQuiz>[1];

async function quizOf(request = custom()) {
  const { id } = await createQuiz(learnerRef(learnerId), request);
  return (await getQuiz(learnerId, id))!;
}

async function rightResponse(quiz: Awaited<ReturnType<typeof quizOf>>, position: number) {
  const question = quiz.questions[position]!;
  if (question.card.type === "numeric") {
    const feedback = explainQuestion(buildQuestion(question.card, question.seed), "en", null);
    return { kind: "numeric" as const, text: String(feedback.kind === "numeric" ? feedback.expected : NaN) };
  }
  if (question.card.type === "mcq") {
    const feedback = explainQuestion(buildQuestion(question.card, question.seed), "en", null);
    return { kind: "mcq" as const, chosen: feedback.kind === "mcq" ? feedback.options.filter((o) => o.correct).map((o) => o.id) : [] };
  }
  return { kind: "self" as const, outcome: "right" as const };
}

describe("createQuiz", () => {
  it("gives what matches when fewer cards exist than asked, and says how many were asked", async () => {
    const created = await createQuiz(learnerRef(learnerId), custom({ count: 20 }));
    const expected = await prisma.card.count({ where: { retired: false, topic: "parameters", type: { in: ["mcq", "numeric"] } } });
    expect(expected).toBeLessThan(20);
    expect(created).toMatchObject({ questions: expected, requested: 20 });
    const quiz = (await getQuiz(learnerId, created.id))!;
    expect(new Set(quiz.questions.map((q) => q.cardId)).size).toBe(expected);
    for (const question of quiz.questions) expect(question.card).toMatchObject({ topic: "parameters" });
  });

  it("builds an interview from the fixed mix with a clock", async () => {
    const { id } = await createQuiz(learnerRef(learnerId), { mode: "interview" });
    const quiz = (await getQuiz(learnerId, id))!;
    expect(quiz.secondsPerQuestion).toBe(INTERVIEW.secondsPerQuestion);
    const kinds = quiz.questions.map((q) => q.card.type);
    expect(kinds).toHaveLength(INTERVIEW.count);
    for (const [type, count] of Object.entries(INTERVIEW.mix)) expect(kinds.filter((kind) => kind === type)).toHaveLength(count);
  });

  it("refuses a request no card matches", async () => {
    await expect(createQuiz(learnerRef(learnerId), custom({ topics: ["placement"], types: ["numeric"] }))).rejects.toMatchObject({ code: "no_cards" });
  });
});

describe("answerQuestion", () => {
  it("records the answer and feeds the schedule in one go: right → Good", async () => {
    const quiz = await quizOf();
    const result = await answerQuestion(learnerRef(learnerId), quiz.id, { position: 0, response: await rightResponse(quiz, 0), durationMs: 3000 });
    expect(result).toMatchObject({ outcome: "right", rating: 3, finished: false });
    const question = await prisma.quizQuestion.findFirstOrThrow({ where: { quizId: quiz.id, position: 0 } });
    const log = await prisma.reviewLog.findUniqueOrThrow({ where: { id: question.reviewLogId! } });
    expect(log).toMatchObject({ learnerId, cardId: question.cardId, rating: 3, durationMs: 3000 });
    expect(await prisma.cardState.count({ where: { learnerId, cardId: question.cardId } })).toBe(1);
  });

  it("maps wrong → Again and partly → Hard", async () => {
    const quiz = await quizOf(custom({ types: ["concept"], topics: ["motivation"] }));
    expect(await answerQuestion(learnerRef(learnerId), quiz.id, { position: 0, response: { kind: "self", outcome: "wrong" }, durationMs: 0 })).toMatchObject({ rating: 1 });
    expect(await answerQuestion(learnerRef(learnerId), quiz.id, { position: 1, response: { kind: "self", outcome: "partly" }, durationMs: 0 })).toMatchObject({ rating: 2 });
  });

  it.each([
    ["a numeric answer that is not a number", "not_a_number", 400],
    ["a response of the wrong kind", "wrong_kind", 400],
    ["an unknown question", "unknown_question", 404],
    ["a question out of order", "not_current", 409],
    ["another learner's quiz", "unknown_quiz", 404],
  ])("refuses %s and writes nothing", async (_, code, status) => {
    const quiz = await quizOf(custom({ types: ["numeric"] }));
    const attempt = {
      not_a_number: () => answerQuestion(learnerRef(learnerId), quiz.id, { position: 0, response: { kind: "numeric", text: "lots" }, durationMs: 0 }),
      wrong_kind: () => answerQuestion(learnerRef(learnerId), quiz.id, { position: 0, response: { kind: "mcq", chosen: ["a"] }, durationMs: 0 }),
      unknown_question: () => answerQuestion(learnerRef(learnerId), quiz.id, { position: 9, response: { kind: "numeric", text: "1" }, durationMs: 0 }),
      not_current: () => answerQuestion(learnerRef(learnerId), quiz.id, { position: 1, response: { kind: "numeric", text: "1" }, durationMs: 0 }),
      unknown_quiz: () => answerQuestion(learnerRef(strangerId), quiz.id, { position: 0, response: { kind: "numeric", text: "1" }, durationMs: 0 }),
    }[code]!;
    const error = await attempt().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuizError);
    expect(error).toMatchObject({ code, status });
    expect(await prisma.reviewLog.count()).toBe(0);
    expect(await prisma.quizQuestion.count({ where: { answeredAt: { not: null } } })).toBe(0);
  });

  it("refuses a replayed answer, and finishes the quiz with its last answer; then takes no more", async () => {
    const quiz = await quizOf();
    const first = await rightResponse(quiz, 0);
    await answerQuestion(learnerRef(learnerId), quiz.id, { position: 0, response: first, durationMs: 0 });
    await expect(answerQuestion(learnerRef(learnerId), quiz.id, { position: 0, response: first, durationMs: 0 })).rejects.toMatchObject({
      code: "already_answered",
      status: 409,
    });
    let finished = false;
    for (let position = 1; position < quiz.questions.length; position++) {
      ({ finished } = await answerQuestion(learnerRef(learnerId), quiz.id, { position, response: await rightResponse(quiz, position), durationMs: 0 }));
    }
    expect(finished).toBe(true);
    expect((await getQuiz(learnerId, quiz.id))!.finishedAt).not.toBeNull();
    await expect(answerQuestion(learnerRef(learnerId), quiz.id, { position: 0, response: first, durationMs: 0 })).rejects.toMatchObject({ code: "quiz_finished" });
    expect(await prisma.reviewLog.count()).toBe(quiz.questions.length);
    const [summary] = await listQuizzes(learnerId);
    expect(summary!.score).toMatchObject({ points: quiz.questions.length, total: quiz.questions.length });
    expect(summary!.score.byTopic).toEqual({ parameters: { points: quiz.questions.length, questions: quiz.questions.length } });
  });
});

describe("changeQuizGrade", () => {
  it("regrades the card as if the new grade had been given then, until the card is reviewed again", async () => {
    const quiz = await quizOf();
    const wrong = quiz.questions[0]!.card.type === "mcq" ? { kind: "mcq" as const, chosen: ["zz"] } : { kind: "numeric" as const, text: "-1" };
    await answerQuestion(learnerRef(learnerId), quiz.id, { position: 0, response: wrong, durationMs: 0 });
    const question = await prisma.quizQuestion.findFirstOrThrow({ where: { quizId: quiz.id, position: 0 } });
    expect(question.rating).toBe(1);
    const log = await prisma.reviewLog.findUniqueOrThrow({ where: { id: question.reviewLogId! } });

    await changeQuizGrade(learnerRef(learnerId), quiz.id, 0, 4);
    const state = await prisma.cardState.findUniqueOrThrow({ where: { learnerId_cardId: { learnerId, cardId: question.cardId } } });
    expect(state).toMatchObject(applyGrade(null, 4, log.reviewedAt, 0.9));
    expect(await prisma.reviewLog.findUniqueOrThrow({ where: { id: log.id } })).toMatchObject({ rating: 4 });
    expect((await prisma.quizQuestion.findUniqueOrThrow({ where: { id: question.id } })).rating).toBe(4);

    await gradeCard({ learner: learnerRef(learnerId), cardId: question.cardId, rating: 3, durationMs: 0 });
    await expect(changeQuizGrade(learnerRef(learnerId), quiz.id, 0, 2)).rejects.toMatchObject({ code: "review_superseded", status: 409 });
    await expect(changeQuizGrade(learnerRef(strangerId), quiz.id, 0, 2)).rejects.toMatchObject({ code: "unknown_question" });
  });
});

describe("abandonQuiz", () => {
  it("ends an unfinished quiz once; a foreign one is not found", async () => {
    const quiz = await quizOf();
    await expect(abandonQuiz(strangerId, quiz.id)).rejects.toMatchObject({ code: "unknown_quiz" });
    await abandonQuiz(learnerId, quiz.id);
    await expect(abandonQuiz(learnerId, quiz.id)).rejects.toMatchObject({ code: "quiz_finished" });
    await expect(answerQuestion(learnerRef(learnerId), quiz.id, { position: 0, response: await rightResponse(quiz, 0), durationMs: 0 })).rejects.toMatchObject({ code: "quiz_finished" });
  });
});

describe("answering an explain question with ticked key points", () => {
  it("stores the ticks with the answer, and refuses one that is not a key point of the card, writing nothing", async () => {
    const quiz = await quizOf(custom({ types: ["concept"], topics: ["motivation"] }));
    const total = quiz.questions[0]!.card.body.en.keyPoints.length;
    const error = await answerQuestion(learnerRef(learnerId), quiz.id, {
      position: 0,
      response: { kind: "self", outcome: "right", keyPoints: [0, total] },
      durationMs: 0,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "unknown_key_point", status: 400, path: ["response", "keyPoints", 1] });
    expect(await prisma.reviewLog.count()).toBe(0);

    await answerQuestion(learnerRef(learnerId), quiz.id, { position: 0, response: { kind: "self", outcome: "right", keyPoints: [total - 1, 0] }, durationMs: 0 });
    expect((await getQuiz(learnerId, quiz.id))!.questions[0]!.response).toEqual({ kind: "self", outcome: "right", keyPoints: [0, total - 1] });
  });
});
