import "server-only";
import { randomBytes, randomInt } from "node:crypto";
import { CARD_SQL_COLUMNS, cardRowOf, decodeCard } from "@/lib/content/stored-card";
import { execute, prisma, query, readInt, readSql, readTime, readTimeOrNull, runSql } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { lockLearner, type LearnerRef } from "@/lib/learner";
import { buildQuestion, gradeResponse, normalizeTicks, type Question } from "@/lib/practice";
import { changeGradeLocked, gradeLocked } from "@/lib/srs/review";
import type { Grade } from "@/lib/srs/scheduler";
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
  | "unknown_key_point"
  | "no_cards"
  | "not_graded";

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
export async function createQuiz(learner: LearnerRef, request: QuizRequest, now = new Date()) {
  // The active deck's metadata (about a hundred rows), filtered here: raw SQL, as Prisma's query compiler cost
  // more than the read itself.
  const active = await readSql(() => query(`SELECT "id", "type", "topic", "difficulty" FROM "Card" WHERE "retired" = $1 ORDER BY "position"`, [false]));
  const among = (list: readonly string[], value: unknown) => list.includes(String(value));
  const wanted = (card: Record<string, unknown>) =>
    request.mode !== "custom" || (among(request.topics, card.topic) && among(request.difficulties, card.difficulty) && among(request.types, card.type));
  const cards = pick(request, active.filter(wanted).map((card) => ({ id: String(card.id), type: String(card.type) })));
  if (cards.length === 0) throw new QuizError("no_cards", "No card matches these topics, difficulties and types.", 400);
  const id = randomBytes(16).toString("base64url");
  await runSql(function* (d) {
    const locked = (yield* lockLearner(d, learner, now))!;
    yield* execute(
      `INSERT INTO "Quiz" ("id", "learnerId", "mode", "request", "secondsPerQuestion", "createdAt") VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, locked.id, request.mode, encodeRequest(request), request.mode === "interview" ? INTERVIEW.secondsPerQuestion : null, now],
    );
    for (const [position, card] of cards.entries()) {
      yield* execute(`INSERT INTO "QuizQuestion" ("quizId", "position", "cardId", "seed") VALUES ($1, $2, $3, $4)`, [id, position, card.id, randomInt(2 ** 31)]);
    }
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

/** The longest time a question can be recorded to have taken (a day), as the answer API accepts. */
const MAX_DURATION_MS = 86_400_000;

/**
 * Starts a question's clock the first time it is shown. Later showings (a reload, Back and Forward, another
 * device) find it started and keep it, so a timed question cannot be reset by coming back to it.
 */
export function startQuestionClock(questionId: number, now = new Date()): Promise<Date> {
  return runSql(function* () {
    yield* execute(`UPDATE "QuizQuestion" SET "shownAt" = $2 WHERE "id" = $1 AND "shownAt" IS NULL`, [questionId, now]);
    const [row] = yield* query(`SELECT "shownAt" FROM "QuizQuestion" WHERE "id" = $1`, [questionId]);
    return readTime(row!.shownAt);
  });
}

/** How long a question has been on screen, by the server's clock. */
export function elapsedSince(shownAt: Date, now = new Date()): number {
  return Math.min(MAX_DURATION_MS, Math.max(0, now.getTime() - shownAt.getTime()));
}

/**
 * Records the answer to the current question and feeds the card's schedule, in one transaction. A finished
 * or foreign quiz, an unknown or already answered question, or a numeric answer that is not a number is
 * refused with nothing written. The learner's row is locked first, so of two answers to one question given at
 * the same moment (two tabs, two instances) exactly one counts. A question whose clock the page started is
 * timed by that clock, across reloads and devices; the time a client reports counts only without one (the API).
 */
export function answerQuestion(
  learner: LearnerRef,
  quizId: string,
  { position, response, durationMs: reportedMs }: { position: number; response: QuizResponse; durationMs: number },
  now = new Date(),
) {
  return runSql(function* (d) {
    const settings = yield* lockLearner(d, learner, now, { create: false });
    const [quiz] = settings ? yield* query(`SELECT "finishedAt", "abandonedAt" FROM "Quiz" WHERE "id" = $1 AND "learnerId" = $2`, [quizId, settings.id]) : [];
    if (!settings || !quiz) throw new QuizError("unknown_quiz", "There is no such quiz.", 404);
    if (quiz.finishedAt !== null || quiz.abandonedAt !== null) throw new QuizError("quiz_finished", "This quiz is over; it takes no more answers.", 409);
    const questions = (yield* query(`SELECT "id", "position", "shownAt", "answeredAt" FROM "QuizQuestion" WHERE "quizId" = $1 ORDER BY "position"`, [quizId])).map(
      (row) => ({ id: readInt(row.id), position: readInt(row.position), shownAt: readTimeOrNull(row.shownAt), answered: row.answeredAt !== null }),
    );
    const question = questions.find((q) => q.position === position);
    if (!question) throw new QuizError("unknown_question", `This quiz has no question ${position}.`, 404, ["position"]);
    if (question.answered) throw new QuizError("already_answered", "This question has been answered already.", 409, ["position"]);
    if (questions.find((q) => !q.answered) !== question) throw new QuizError("not_current", "Answer the questions in order.", 409, ["position"]);

    const [row] = yield* query(`SELECT q."seed", ${CARD_SQL_COLUMNS} FROM "QuizQuestion" q JOIN "Card" c ON c."id" = q."cardId" WHERE q."id" = $1`, [question.id]);
    const card = decodeCard(cardRowOf(row!));
    const built = buildQuestion(card, readInt(row!.seed));
    const stored = storedResponse(built, response);
    const outcome = outcomeOf(built, stored);
    const rating = RATING_FOR_OUTCOME[outcome];
    const durationMs = question.shownAt ? elapsedSince(question.shownAt, now) : reportedMs;

    // Conditional on still being unanswered: a replay can never count twice.
    const claimed = yield* execute(
      `UPDATE "QuizQuestion" SET "answeredAt" = $2, "response" = $3, "outcome" = $4, "rating" = $5, "durationMs" = $6 WHERE "id" = $1 AND "answeredAt" IS NULL`,
      [question.id, now, encodeResponse(stored), outcome, rating, durationMs],
    );
    if (claimed === 0) throw new QuizError("already_answered", "This question has been answered already.", 409, ["position"]);
    const review = yield* gradeLocked(settings.id, settings, { cardId: card.id, rating, durationMs, now });
    yield* execute(`UPDATE "QuizQuestion" SET "reviewLogId" = $2 WHERE "id" = $1`, [question.id, review.reviewId]);
    const finished = questions.every((q) => q === question || q.answered);
    if (finished) yield* execute(`UPDATE "Quiz" SET "finishedAt" = $2 WHERE "id" = $1`, [quizId, now]);
    // The question goes back too, so the caller can explain it without reading the quiz or running the engine again.
    return { outcome, rating, finished, question: built };
  });
}

/** The response as it is kept: an explain answer's ticked key points checked against the card, each once. */
function storedResponse(question: Question, response: QuizResponse): QuizResponse {
  if (response.kind !== "self" || question.kind !== "concept" || response.keyPoints === undefined) return response;
  const total = question.card.body.en.keyPoints.length;
  try {
    return { ...response, keyPoints: normalizeTicks(response.keyPoints, total) };
  } catch (error) {
    const index = Number((error as RangeError).message);
    throw new QuizError("unknown_key_point", `This card has ${total} key points, numbered from 0.`, 400, ["response", "keyPoints", index]);
  }
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

export function abandonQuiz(learnerId: string, quizId: string, now = new Date()) {
  return runSql(function* () {
    const [quiz] = yield* query(`SELECT "finishedAt", "abandonedAt" FROM "Quiz" WHERE "id" = $1 AND "learnerId" = $2`, [quizId, learnerId]);
    if (!quiz) throw new QuizError("unknown_quiz", "There is no such quiz.", 404);
    if (quiz.finishedAt !== null || quiz.abandonedAt !== null) throw new QuizError("quiz_finished", "This quiz is already over.", 409);
    yield* execute(`UPDATE "Quiz" SET "abandonedAt" = $2 WHERE "id" = $1`, [quizId, now]);
  });
}

/** On the result page the learner has the last word on the grade an answer gave the card. */
export function changeQuizGrade(learner: LearnerRef, quizId: string, position: number, rating: Grade, now = new Date()) {
  return runSql(function* (d) {
    const settings = yield* lockLearner(d, learner, now, { create: false });
    const [question] = settings
      ? yield* query(
          `SELECT q."id", q."reviewLogId" FROM "QuizQuestion" q JOIN "Quiz" z ON z."id" = q."quizId" WHERE q."quizId" = $1 AND q."position" = $2 AND z."learnerId" = $3`,
          [quizId, position, settings.id],
        )
      : [];
    if (!settings || !question) throw new QuizError("unknown_question", "There is no such question.", 404, ["position"]);
    if (question.reviewLogId === null) throw new QuizError("not_graded", "This question has not been answered.", 409, ["position"]);
    yield* changeGradeLocked(settings.id, settings, readInt(question.reviewLogId), rating);
    yield* execute(`UPDATE "QuizQuestion" SET "rating" = $2 WHERE "id" = $1`, [question.id, rating]);
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

