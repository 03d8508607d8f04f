import { randomBytes } from "node:crypto";
import { execute, pause, query, readInt, readTime, type Dialect, type Op } from "@/lib/db";
import { lockLearner, type LearnerRef } from "@/lib/learner";
import { encodeRequest, encodeResponse } from "@/lib/quiz/codec";
import { encodeMemory } from "@/lib/srs/memory-codec";
import type { MemoryState } from "@/lib/srs/scheduler";
import { TransferError, type CardStateEntry, type ProgressPayload, type QuizEntry } from "./format";

export type ImportReport = {
  reviewLogs: { added: number; alreadyThere: number };
  cardStates: { added: number; updated: number; kept: number };
  quizzes: { added: number; alreadyThere: number };
  /** cards the file mentions that this deck does not have: their states, reviews and quiz questions are skipped */
  skippedCards: string[];
};

/** Reviews one learner may hold: imports cannot grow a learner's history without end. */
export const MAX_LEARNER_REVIEWS = 100_000;
/** Statements between pauses: a large import lets other requests run every few milliseconds. */
const CHUNK = 200;

const reviewKey = (cardId: string, reviewedAt: Date | string) => `${cardId}|${new Date(reviewedAt).toISOString()}`;
const toDate = (value: string | null) => (value === null ? null : new Date(value));

type FileMemory = Omit<CardStateEntry, "cardId">;
export const memoryFromFile = (memory: FileMemory): MemoryState => ({ ...memory, due: new Date(memory.due), lastReview: toDate(memory.lastReview) });

const STATE_COLUMNS = `"due", "stability", "difficulty", "elapsedDays", "scheduledDays", "learningSteps", "reps", "lapses", "state", "lastReview"`;
const stateValues = (m: MemoryState) => [m.due, m.stability, m.difficulty, m.elapsedDays, m.scheduledDays, m.learningSteps, m.reps, m.lapses, m.state, m.lastReview];

/**
 * Merges a checked progress payload into one learner's progress, all in one transaction, idempotently by
 * natural keys: a review is the same review when it has the same card and reviewedAt; a quiz is the same quiz
 * when it started at the same moment; a card's state is replaced only by one reviewed more recently. Settings
 * are taken from the file. The transaction pauses between chunks, so a large file never holds the server.
 */
export function* importOp(d: Dialect, learner: LearnerRef, payload: ProgressPayload, now: Date): Op<ImportReport> {
  const learnerId = (yield* lockLearner(d, learner, now))!.id;
  return yield* mergeInto(learnerId, payload);
}

/**
 * The merge of importOp into a learner already locked: also how a device's progress joins an account's, where
 * the account keeps its own settings (`takeSettings: false`).
 */
export function* mergeInto(learnerId: string, payload: ProgressPayload, { takeSettings = true } = {}): Op<ImportReport> {
  const cardTypes = new Map((yield* query(`SELECT "id", "type" FROM "Card"`)).map((row) => [String(row.id), String(row.type)]));
  const mentioned = new Set([
    ...payload.cardStates.map((s) => s.cardId),
    ...payload.reviewLogs.map((l) => l.cardId),
    ...payload.quizzes.flatMap((q) => q.questions.map((question) => question.cardId)),
  ]);
  const report: ImportReport = {
    reviewLogs: { added: 0, alreadyThere: 0 },
    cardStates: { added: 0, updated: 0, kept: 0 },
    quizzes: { added: 0, alreadyThere: 0 },
    skippedCards: [...mentioned].filter((id) => !cardTypes.has(id)).sort(),
  };
  let statements = 0;
  function* counted<T>(step: Op<T>): Op<T> {
    const result = yield* step;
    if (++statements % CHUNK === 0) yield* pause();
    return result;
  }

  const { settings } = payload;
  if (takeSettings) yield* execute(`UPDATE "Learner" SET "desiredRetention" = $2, "newCardsPerDay" = $3 WHERE "id" = $1`, [learnerId, settings.desiredRetention, settings.newCardsPerDay]);
  if (takeSettings && settings.timeZone) yield* execute(`UPDATE "Learner" SET "timeZone" = $2 WHERE "id" = $1`, [learnerId, settings.timeZone]);
  // A date that has passed is kept as it is: the plan ignores it, and the learner can set another.
  if (takeSettings && settings.interviewDate) yield* execute(`UPDATE "Learner" SET "interviewDate" = $2 WHERE "id" = $1`, [learnerId, settings.interviewDate]);

  const logIds = new Map(
    (yield* query(`SELECT "id", "cardId", "reviewedAt" FROM "ReviewLog" WHERE "learnerId" = $1`, [learnerId])).map((row) => [
      reviewKey(String(row.cardId), readTime(row.reviewedAt)),
      readInt(row.id),
    ]),
  );
  // Oldest first, so that undo (which takes back the latest) meets the newest imported review first.
  const newLogs = payload.reviewLogs.filter((log) => cardTypes.has(log.cardId)).toSorted((a, b) => Date.parse(a.reviewedAt) - Date.parse(b.reviewedAt));
  const adding = newLogs.filter((log) => !logIds.has(reviewKey(log.cardId, log.reviewedAt))).length;
  if (logIds.size + adding > MAX_LEARNER_REVIEWS) {
    throw new TransferError("too_many_reviews", `A learner keeps at most ${MAX_LEARNER_REVIEWS.toLocaleString("en")} reviews; this import would make ${(logIds.size + adding).toLocaleString("en")}.`, 409);
  }
  for (const log of newLogs) {
    const key = reviewKey(log.cardId, log.reviewedAt);
    if (logIds.has(key)) {
      report.reviewLogs.alreadyThere++;
      continue;
    }
    const [created] = yield* counted(
      query<{ id: unknown }>(
        `INSERT INTO "ReviewLog" ("learnerId", "cardId", "rating", "stateBefore", "stateAfter", "dueBefore", "dueAfter", "reviewedAt", "durationMs", "previous")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING "id"`,
        [
          learnerId,
          log.cardId,
          log.rating,
          log.stateBefore,
          log.stateAfter,
          new Date(log.dueBefore),
          new Date(log.dueAfter),
          new Date(log.reviewedAt),
          log.durationMs,
          encodeMemory(log.previous ? memoryFromFile(log.previous) : null),
        ],
      ),
    );
    logIds.set(key, readInt(created!.id));
    report.reviewLogs.added++;
  }

  const localStates = new Map(
    (yield* query(`SELECT "cardId", "lastReview" FROM "CardState" WHERE "learnerId" = $1`, [learnerId])).map((row) => [
      String(row.cardId),
      row.lastReview === null ? -Infinity : readTime(row.lastReview).getTime(),
    ]),
  );
  for (const { cardId, ...state } of payload.cardStates.filter((s) => cardTypes.has(s.cardId))) {
    const memory = memoryFromFile(state);
    const local = localStates.get(cardId);
    if (local === undefined) {
      yield* counted(execute(`INSERT INTO "CardState" ("learnerId", "cardId", ${STATE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, [learnerId, cardId, ...stateValues(memory)]));
      report.cardStates.added++;
    } else if (memory.lastReview!.getTime() > local) {
      yield* counted(
        execute(
          `UPDATE "CardState" SET "due" = $3, "stability" = $4, "difficulty" = $5, "elapsedDays" = $6, "scheduledDays" = $7, "learningSteps" = $8,
             "reps" = $9, "lapses" = $10, "state" = $11, "lastReview" = $12 WHERE "learnerId" = $1 AND "cardId" = $2`,
          [learnerId, cardId, ...stateValues(memory)],
        ),
      );
      report.cardStates.updated++;
    } else {
      report.cardStates.kept++;
    }
  }

  const localQuizzes = new Set((yield* query(`SELECT "createdAt" FROM "Quiz" WHERE "learnerId" = $1`, [learnerId])).map((row) => readTime(row.createdAt).toISOString()));
  for (const [index, quiz] of payload.quizzes.entries()) {
    if (localQuizzes.has(new Date(quiz.createdAt).toISOString())) {
      report.quizzes.alreadyThere++;
      continue;
    }
    const added = yield* addQuiz(learnerId, quiz, index, cardTypes, logIds, counted);
    if (added) report.quizzes.added++;
  }
  return report;
}

function* addQuiz(
  learnerId: string,
  quiz: QuizEntry,
  index: number,
  cardTypes: Map<string, string>,
  logIds: Map<string, number>,
  counted: <T>(step: Op<T>) => Op<T>,
): Op<boolean> {
  const questions = quiz.questions.filter((question) => cardTypes.has(question.cardId));
  if (questions.length === 0) return false;
  for (const question of questions) {
    const expected = cardTypes.get(question.cardId) === "concept" ? "self" : cardTypes.get(question.cardId);
    if (question.response && question.response.kind !== expected) {
      const position = quiz.questions.indexOf(question);
      throw new TransferError("invalid_file", `payload.quizzes.${index}.questions.${position}.response: card ${question.cardId} takes a ${expected} answer`, 400, [
        "payload",
        "quizzes",
        index,
        "questions",
        position,
        "response",
        "kind",
      ]);
    }
  }
  // Quiz ids are global: another learner of this installation may hold the same id.
  const [taken] = yield* query<{ n: unknown }>(`SELECT count(*) AS "n" FROM "Quiz" WHERE "id" = $1`, [quiz.id]);
  const id = readInt(taken!.n) > 0 ? randomBytes(16).toString("base64url") : quiz.id;
  yield* counted(
    execute(
      `INSERT INTO "Quiz" ("id", "learnerId", "mode", "request", "secondsPerQuestion", "createdAt", "finishedAt", "abandonedAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, learnerId, quiz.mode, encodeRequest(quiz.request), quiz.secondsPerQuestion, new Date(quiz.createdAt), toDate(quiz.finishedAt), toDate(quiz.abandonedAt)],
    ),
  );
  // Questions of cards this deck lacks are left out; the rest are numbered from 0 again, in their order.
  for (const [position, question] of questions.entries()) {
    yield* counted(
      execute(
        `INSERT INTO "QuizQuestion" ("quizId", "position", "cardId", "seed", "answeredAt", "response", "outcome", "durationMs", "rating", "reviewLogId")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          id,
          position,
          question.cardId,
          question.seed,
          toDate(question.answeredAt),
          question.response ? encodeResponse(question.response) : null,
          question.outcome,
          question.durationMs,
          question.rating,
          question.reviewedAt ? (logIds.get(reviewKey(question.cardId, question.reviewedAt)) ?? null) : null,
        ],
      ),
    );
  }
  return true;
}
