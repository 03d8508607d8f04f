import "server-only";
import { randomBytes } from "node:crypto";
import { CARD_COLUMNS, decodeCard, type StoredCard } from "@/lib/content/stored-card";
import { prisma } from "@/lib/db";
import { readProgressFile, sealProgress, TransferError, type ProgressFile, type ProgressPayload } from "./format";
import { UNKNOWN_LEARNER } from "@/lib/learner/identity";
import { decodeRequest, decodeResponse, encodeRequest, encodeResponse } from "@/lib/quiz/codec";
import { decodeMemory, encodeMemory } from "@/lib/srs/memory-codec";
import type { MemoryState } from "@/lib/srs/scheduler";

const iso = (date: Date) => date.toISOString();
const toDate = (value: string | null) => (value === null ? null : new Date(value));
const nullable = <T, R>(value: T | null, map: (value: T) => R): R | null => (value === null ? null : map(value));
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);
type FileMemory = NonNullable<ProgressPayload["reviewLogs"][number]["previous"]>;
const memoryToFile = (memory: MemoryState): FileMemory => ({ ...memory, due: iso(memory.due), lastReview: isoOrNull(memory.lastReview) });
const memoryFromFile = (memory: FileMemory): MemoryState => ({ ...memory, due: new Date(memory.due), lastReview: toDate(memory.lastReview) });

/** A learner's whole progress (settings, card states, review history, quizzes) as one sealed file. */
export async function exportProgress(learnerId: string, now = new Date()): Promise<ProgressFile> {
  const [learner, states, logs, quizzes] = await Promise.all([
    prisma.learner.findUnique({ where: { id: learnerId }, select: { desiredRetention: true, newCardsPerDay: true } }),
    prisma.cardState.findMany({ where: { learnerId }, orderBy: { cardId: "asc" } }),
    prisma.reviewLog.findMany({ where: { learnerId }, orderBy: { id: "asc" } }),
    prisma.quiz.findMany({ where: { learnerId }, orderBy: { createdAt: "asc" }, include: { questions: { orderBy: { position: "asc" } } } }),
  ]);
  if (!learner) throw new TransferError("unauthorized", UNKNOWN_LEARNER, 401);
  const reviewedAtOf = new Map(logs.map((log) => [log.id, log.reviewedAt]));
  const payload: ProgressPayload = {
    settings: learner,
    cardStates: states.map(({ learnerId: _learner, due, lastReview, ...state }) => ({ ...state, due: iso(due), lastReview: isoOrNull(lastReview) })),
    reviewLogs: logs.map((log) => ({
      cardId: log.cardId,
      rating: log.rating,
      stateBefore: log.stateBefore,
      stateAfter: log.stateAfter,
      dueBefore: iso(log.dueBefore),
      dueAfter: iso(log.dueAfter),
      reviewedAt: iso(log.reviewedAt),
      durationMs: log.durationMs,
      previous: nullable(decodeMemory(log.previous), memoryToFile),
    })),
    quizzes: quizzes.map((quiz) => ({
      id: quiz.id,
      mode: quiz.mode as "custom" | "interview",
      request: decodeRequest(quiz.request),
      secondsPerQuestion: quiz.secondsPerQuestion,
      createdAt: iso(quiz.createdAt),
      finishedAt: isoOrNull(quiz.finishedAt),
      abandonedAt: isoOrNull(quiz.abandonedAt),
      questions: quiz.questions.map((question) => ({
        position: question.position,
        cardId: question.cardId,
        seed: question.seed,
        answeredAt: isoOrNull(question.answeredAt),
        response: decodeResponse(question.response),
        outcome: question.outcome as "right" | "partly" | "wrong" | null,
        durationMs: question.durationMs,
        rating: question.rating,
        reviewedAt: isoOrNull(question.reviewLogId === null ? null : (reviewedAtOf.get(question.reviewLogId) ?? null)),
      })),
    })),
  };
  return sealProgress(payload, now);
}

export type ImportReport = {
  reviewLogs: { added: number; alreadyThere: number };
  cardStates: { added: number; updated: number; kept: number };
  quizzes: { added: number; alreadyThere: number };
  /** cards the file mentions that this deck does not have: their states, reviews and quiz questions are skipped */
  skippedCards: string[];
};

const reviewKey = (cardId: string, reviewedAt: Date | string) => `${cardId}|${new Date(reviewedAt).toISOString()}`;

/**
 * Merges a validated progress payload into one learner's progress, all in one transaction, idempotently by
 * natural keys: a review is the same review when it has the same card and reviewedAt; a quiz is the same quiz
 * when it started at the same moment; a card's state is replaced only by one reviewed more recently. Settings
 * are taken from the file.
 */
export async function importProgress(learnerId: string, payload: ProgressPayload): Promise<ImportReport> {
  // Large histories take longer than Prisma's 5-second default for an interactive transaction.
  return prisma.$transaction(
    async (tx) => {
      const learner = await tx.learner.findUnique({ where: { id: learnerId }, select: { id: true } });
      if (!learner) throw new TransferError("unauthorized", UNKNOWN_LEARNER, 401);

      const mentioned = new Set([
        ...payload.cardStates.map((s) => s.cardId),
        ...payload.reviewLogs.map((l) => l.cardId),
        ...payload.quizzes.flatMap((q) => q.questions.map((question) => question.cardId)),
      ]);
      const known = new Set(
        (await tx.card.findMany({ where: { id: { in: [...mentioned] } }, select: { id: true } })).map((card) => card.id),
      );
      const report: ImportReport = {
        reviewLogs: { added: 0, alreadyThere: 0 },
        cardStates: { added: 0, updated: 0, kept: 0 },
        quizzes: { added: 0, alreadyThere: 0 },
        skippedCards: [...mentioned].filter((id) => !known.has(id)).sort(),
      };

      await tx.learner.update({ where: { id: learnerId }, data: payload.settings });

      const existingLogs = await tx.reviewLog.findMany({ where: { learnerId }, select: { id: true, cardId: true, reviewedAt: true } });
      const logIds = new Map(existingLogs.map((log) => [reviewKey(log.cardId, log.reviewedAt), log.id]));
      // Oldest first, so that undo (which takes back the highest id) meets the newest imported review first.
      const newLogs = payload.reviewLogs
        .filter((log) => known.has(log.cardId))
        .toSorted((a, b) => a.reviewedAt.localeCompare(b.reviewedAt));
      for (const log of newLogs) {
        const key = reviewKey(log.cardId, log.reviewedAt);
        if (logIds.has(key)) {
          report.reviewLogs.alreadyThere++;
          continue;
        }
        const created = await tx.reviewLog.create({
          data: {
            learnerId,
            cardId: log.cardId,
            rating: log.rating,
            stateBefore: log.stateBefore,
            stateAfter: log.stateAfter,
            dueBefore: new Date(log.dueBefore),
            dueAfter: new Date(log.dueAfter),
            reviewedAt: new Date(log.reviewedAt),
            durationMs: log.durationMs,
            previous: encodeMemory(nullable(log.previous, memoryFromFile)),
          },
          select: { id: true },
        });
        logIds.set(key, created.id);
        report.reviewLogs.added++;
      }

      const localStates = new Map(
        (await tx.cardState.findMany({ where: { learnerId }, select: { cardId: true, lastReview: true } })).map((s) => [s.cardId, s.lastReview]),
      );
      for (const { cardId, ...state } of payload.cardStates.filter((s) => known.has(s.cardId))) {
        const data = { ...state, due: new Date(state.due), lastReview: toDate(state.lastReview) };
        if (!localStates.has(cardId)) {
          await tx.cardState.create({ data: { learnerId, cardId, ...data } });
          report.cardStates.added++;
        } else if ((data.lastReview?.getTime() ?? -Infinity) > (localStates.get(cardId)?.getTime() ?? -Infinity)) {
          await tx.cardState.update({ where: { learnerId_cardId: { learnerId, cardId } }, data });
          report.cardStates.updated++;
        } else {
          report.cardStates.kept++;
        }
      }

      const localQuizzes = new Set(
        (await tx.quiz.findMany({ where: { learnerId }, select: { createdAt: true } })).map((quiz) => quiz.createdAt.toISOString()),
      );
      for (const quiz of payload.quizzes) {
        if (localQuizzes.has(new Date(quiz.createdAt).toISOString())) {
          report.quizzes.alreadyThere++;
          continue;
        }
        const questions = quiz.questions.filter((question) => known.has(question.cardId));
        if (questions.length === 0) continue;
        // Quiz ids are global: another learner of this installation may hold the same id.
        const taken = await tx.quiz.count({ where: { id: quiz.id } });
        await tx.quiz.create({
          data: {
            id: taken ? randomBytes(16).toString("base64url") : quiz.id,
            learnerId,
            mode: quiz.mode,
            request: encodeRequest(quiz.request),
            secondsPerQuestion: quiz.secondsPerQuestion,
            createdAt: new Date(quiz.createdAt),
            finishedAt: toDate(quiz.finishedAt),
            abandonedAt: toDate(quiz.abandonedAt),
            questions: {
              create: questions.map((question) => ({
                position: question.position,
                cardId: question.cardId,
                seed: question.seed,
                answeredAt: toDate(question.answeredAt),
                response: nullable(question.response, encodeResponse),
                outcome: question.outcome,
                durationMs: question.durationMs,
                rating: question.rating,
                reviewLogId: question.reviewedAt ? (logIds.get(reviewKey(question.cardId, question.reviewedAt)) ?? null) : null,
              })),
            },
          },
        });
        report.quizzes.added++;
      }
      return report;
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}

/** Reads, checks and imports a progress file's text; a file that fails any check changes nothing. */
export async function importProgressFile(learnerId: string, text: string): Promise<ImportReport> {
  return importProgress(learnerId, readProgressFile(text));
}

/** The active deck in study order, for the Anki export. */
export async function listDeckForAnki(): Promise<StoredCard[]> {
  const rows = await prisma.card.findMany({ where: { retired: false }, orderBy: { position: "asc" }, select: CARD_COLUMNS });
  return rows.map(decodeCard);
}
