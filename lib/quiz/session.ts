import "server-only";
import { randomBytes, randomInt } from "node:crypto";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { buildQuestion, gradeResponse, type Question } from "@/lib/practice";
import { gradeCardIn, changeReviewGrade } from "@/lib/srs/review";
import type { Grade } from "@/lib/srs/scheduler";
import { UNKNOWN_LEARNER } from "@/lib/learner/identity";
import { decodeQuiz, encodeRequest, encodeResponse, QUIZ_INCLUDE, type StoredQuiz } from "./codec";
import { INTERVIEW, RATING_FOR_OUTCOME, type Outcome, type QuizRequest, type QuizResponse } from "./request";

export type QuizErrorCode =
  | "unknown_quiz"
  | "unknown_question"
  | "quiz_finished"
  | "already_answered"
  | "not_current"
  | "not_a_number"
  | "wrong_kind"
  | "no_cards"
  | "not_graded"
  | "unauthorized";

/** A quiz action that cannot be done. */
export class QuizError extends AppError<QuizErrorCode> {}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

type Candidate = { id: string; type: string };

function pick(request: QuizRequest, candidates: Candidate[]): Candidate[] {
  if (request.mode === "custom") return shuffled(candidates).slice(0, request.count);
  const chosen: Candidate[] = [];
  for (const [type, count] of Object.entries(INTERVIEW.mix)) {
    chosen.push(...shuffled(candidates.filter((card) => card.type === type)).slice(0, count));
  }
  // A deck short of one type fills the interview from the others.
  const rest = shuffled(candidates.filter((card) => !chosen.includes(card)));
  return shuffled([...chosen, ...rest.slice(0, INTERVIEW.count - chosen.length)]);
}

/**
 * Starts a quiz from the active deck. Asking for more questions than match gives what exists; `requested`
 * and the number of questions tell the page to say so.
 */
export async function createQuiz(learnerId: string, request: QuizRequest) {
  const where =
    request.mode === "custom"
      ? { retired: false, topic: { in: request.topics }, difficulty: { in: request.difficulties }, type: { in: request.types } }
      : { retired: false };
  const [learner, candidates] = await Promise.all([
    prisma.learner.count({ where: { id: learnerId } }),
    prisma.card.findMany({ where, select: { id: true, type: true } }),
  ]);
  if (!learner) throw new QuizError("unauthorized", UNKNOWN_LEARNER, 401);
  const cards = pick(request, candidates);
  if (cards.length === 0) throw new QuizError("no_cards", "No card matches these topics, difficulties and types.", 400);
  const id = randomBytes(16).toString("base64url");
  await prisma.quiz.create({
    data: {
      id,
      learnerId,
      mode: request.mode,
      request: encodeRequest(request),
      secondsPerQuestion: request.mode === "interview" ? INTERVIEW.secondsPerQuestion : null,
      questions: { create: cards.map((card, position) => ({ position, cardId: card.id, seed: randomInt(2 ** 31) })) },
    },
  });
  return { id, questions: cards.length, requested: request.mode === "custom" ? request.count : INTERVIEW.count };
}

/** A learner's own quiz with its questions and cards, decoded; another learner's quiz is simply not found. */
export async function getQuiz(learnerId: string, quizId: string): Promise<StoredQuiz | null> {
  const row = await prisma.quiz.findFirst({ where: { id: quizId, learnerId }, include: QUIZ_INCLUDE });
  return row ? decodeQuiz(row) : null;
}

export function currentPosition(quiz: StoredQuiz): number | null {
  return quiz.questions.find((question) => !question.answeredAt)?.position ?? null;
}

export async function getUnfinishedQuiz(learnerId: string) {
  return prisma.quiz.findFirst({
    where: { learnerId, finishedAt: null, abandonedAt: null },
    orderBy: { createdAt: "desc" },
    include: { questions: { select: { answeredAt: true } } },
  });
}

/**
 * Records the answer to the current question and feeds the card's schedule, in one transaction. A finished
 * or foreign quiz, an unknown or already answered question, or a numeric answer that is not a number is
 * refused with nothing written.
 */
export async function answerQuestion(
  learnerId: string,
  quizId: string,
  { position, response, durationMs }: { position: number; response: QuizResponse; durationMs: number },
  now = new Date(),
) {
  const quiz = await getQuiz(learnerId, quizId);
  if (!quiz) throw new QuizError("unknown_quiz", "There is no such quiz.", 404);
  if (quiz.finishedAt || quiz.abandonedAt) throw new QuizError("quiz_finished", "This quiz is over; it takes no more answers.", 409);
  const question = quiz.questions.find((q) => q.position === position);
  if (!question) throw new QuizError("unknown_question", `This quiz has no question ${position}.`, 404, ["position"]);
  if (question.answeredAt) throw new QuizError("already_answered", "This question has been answered already.", 409, ["position"]);
  if (currentPosition(quiz) !== position) throw new QuizError("not_current", "Answer the questions in order.", 409, ["position"]);

  const built = buildQuestion(question.card, question.seed);
  const outcome = outcomeOf(built, response);
  const rating = RATING_FOR_OUTCOME[outcome];
  const last = quiz.questions.every((q) => q.position === position || q.answeredAt);

  return prisma.$transaction(async (tx) => {
    // Conditional on still being unanswered, so two racing submissions cannot both count.
    const claimed = await tx.quizQuestion.updateMany({
      where: { id: question.id, answeredAt: null },
      data: { answeredAt: now, response: encodeResponse(response), outcome, rating, durationMs },
    });
    if (claimed.count === 0) throw new QuizError("already_answered", "This question has been answered already.", 409, ["position"]);
    const review = await gradeCardIn(tx, { learnerId, cardId: question.cardId, rating, durationMs, now });
    await tx.quizQuestion.update({ where: { id: question.id }, data: { reviewLogId: review.reviewId } });
    if (last) await tx.quiz.update({ where: { id: quizId }, data: { finishedAt: now } });
    // The question goes back too, so the caller can explain it without reading the quiz or running the engine again.
    return { outcome, rating, finished: last, question: built };
  });
}

function outcomeOf(question: Question, response: QuizResponse): Outcome {
  const expected = question.kind === "concept" ? "self" : question.kind;
  if (response.kind !== expected) {
    throw new QuizError("wrong_kind", `This question wants a ${expected} answer, not ${response.kind}.`, 400, ["response", "kind"]);
  }
  if (response.kind === "self") return response.outcome;
  const graded = gradeResponse(question, response);
  if (graded.outcome === "not_a_number") {
    throw new QuizError("not_a_number", "That is not a number: try 128, 0.25, 1.5e-3 or 5/3.", 400, ["response", "text"]);
  }
  return graded.outcome;
}

export async function abandonQuiz(learnerId: string, quizId: string, now = new Date()) {
  const { count } = await prisma.quiz.updateMany({
    where: { id: quizId, learnerId, finishedAt: null, abandonedAt: null },
    data: { abandonedAt: now },
  });
  if (count === 0) {
    const exists = await prisma.quiz.count({ where: { id: quizId, learnerId } });
    if (!exists) throw new QuizError("unknown_quiz", "There is no such quiz.", 404);
    throw new QuizError("quiz_finished", "This quiz is already over.", 409);
  }
}

/** On the result page the learner has the last word on the grade an answer gave the card. */
export async function changeQuizGrade(learnerId: string, quizId: string, position: number, rating: Grade) {
  return prisma.$transaction(async (tx) => {
    const question = await tx.quizQuestion.findFirst({ where: { quizId, position, quiz: { learnerId } } });
    if (!question) throw new QuizError("unknown_question", "There is no such question.", 404, ["position"]);
    if (question.reviewLogId === null) throw new QuizError("not_graded", "This question has not been answered.", 409, ["position"]);
    await changeReviewGrade(tx, learnerId, question.reviewLogId, rating);
    await tx.quizQuestion.update({ where: { id: question.id }, data: { rating } });
    return { position, rating };
  });
}

const POINTS: Record<Outcome, number> = { right: 1, partly: 0.5, wrong: 0 };

export function scoreOf(questions: { outcome: string | null; card: { topic: string } }[]) {
  const answered = questions.filter((q) => q.outcome !== null && Object.hasOwn(POINTS, q.outcome));
  const points = answered.reduce((sum, q) => sum + POINTS[q.outcome as Outcome], 0);
  const byTopic = new Map<string, { points: number; questions: number }>();
  for (const q of answered) {
    const topic = byTopic.get(q.card.topic) ?? { points: 0, questions: 0 };
    topic.points += POINTS[q.outcome as Outcome];
    topic.questions += 1;
    byTopic.set(q.card.topic, topic);
  }
  return { points, answered: answered.length, total: questions.length, byTopic: Object.fromEntries(byTopic) };
}

export async function listQuizzes(learnerId: string) {
  const quizzes = await prisma.quiz.findMany({
    where: { learnerId },
    orderBy: { createdAt: "desc" },
    take: 100,
    include: { questions: { select: { outcome: true, answeredAt: true, durationMs: true, card: { select: { topic: true } } } } },
  });
  return quizzes.map((quiz) => ({
    id: quiz.id,
    mode: quiz.mode,
    createdAt: quiz.createdAt,
    finishedAt: quiz.finishedAt,
    abandonedAt: quiz.abandonedAt,
    score: scoreOf(quiz.questions),
  }));
}

