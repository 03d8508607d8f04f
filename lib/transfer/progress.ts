import "server-only";
import { createHash } from "node:crypto";
import { CARD_COLUMNS, decodeCard } from "@/lib/content/stored-card";
import type { Language } from "@/lib/i18n";
import { ankiDeck } from "./anki";
import { consumeRateLimit, prisma, releaseLease, runSql, takeLease } from "@/lib/db";
import { readProgressFile, sealProgress, TransferError, type ProgressFile, type ProgressPayload } from "./format";
import { importOp, type ImportReport } from "./import";
export type { ImportReport } from "./import";
import { DEFAULT_SETTINGS, lockLearner, type LearnerRef } from "@/lib/learner";
import { decodeRequest, decodeResponse } from "@/lib/quiz/codec";
import { decodeMemory } from "@/lib/srs/memory-codec";
import type { MemoryState } from "@/lib/srs/scheduler";

const iso = (date: Date) => date.toISOString();
const nullable = <T, R>(value: T | null, map: (value: T) => R): R | null => (value === null ? null : map(value));
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);
type FileMemory = NonNullable<ProgressPayload["reviewLogs"][number]["previous"]>;
// A state this app wrote always has its last review. One imported before imports were checked is exported as it
// is stored, and importing the file names it.
const lastReviewOf = (date: Date | null) => isoOrNull(date) as string;
const memoryToFile = (memory: MemoryState): FileMemory => ({ ...memory, due: iso(memory.due), lastReview: lastReviewOf(memory.lastReview) });

/** A learner's whole progress (settings, card states, review history, quizzes) as one sealed file. */
export async function exportProgress(learner: LearnerRef, now = new Date()): Promise<ProgressFile> {
  return sealProgress(await progressPayload(learner.id, learner.timeZone), now);
}

/** What a progress file holds for a learner: also what moves when a device's progress joins an account. */
export async function progressPayload(learnerId: string, timeZone: string | null = null): Promise<ProgressPayload> {
  const [settings, states, logs, quizzes] = await Promise.all([
    prisma.learner.findUnique({ where: { id: learnerId }, select: { desiredRetention: true, newCardsPerDay: true, timeZone: true, interviewDate: true } }),
    prisma.cardState.findMany({ where: { learnerId }, orderBy: { cardId: "asc" } }),
    prisma.reviewLog.findMany({ where: { learnerId }, orderBy: { id: "asc" } }),
    prisma.quiz.findMany({ where: { learnerId }, orderBy: { createdAt: "asc" }, include: { questions: { orderBy: { position: "asc" } } } }),
  ]);
  // A learner who has never written anything has the default settings and nothing else to export.
  const reviewedAtOf = new Map(logs.map((log) => [log.id, log.reviewedAt]));
  const payload: ProgressPayload = {
    settings: settingsOf(settings) ?? { ...DEFAULT_SETTINGS, timeZone },
    cardStates: states.map(({ learnerId: _learner, due, lastReview, ...state }) => ({ ...state, due: iso(due), lastReview: lastReviewOf(lastReview) })),
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
  return payload;
}

const IMPORTS_PER_HOUR = 10;
const IMPORT_LEASE_MS = 10 * 60_000;

/**
 * Reads, checks and imports a progress file's text for a learner; a file that fails any check changes
 * nothing. One import at a time per learner, and at most IMPORTS_PER_HOUR an hour (failed ones count: each
 * costs the server a read of the whole file).
 */
export async function importProgressFile(learner: LearnerRef, text: string, now = new Date()): Promise<ImportReport> {
  const lease = `import-running:${learner.id}`;
  const allowed = await runSql(function* (d) {
    // An unknown, unsigned cookie is refused before anything is counted or read.
    if (!learner.issued) yield* lockLearner(d, learner, now, { create: false });
    if (!(yield* consumeRateLimit(`import:${learner.id}`, IMPORTS_PER_HOUR, 3_600_000, now))) return "limited" as const;
    return (yield* takeLease(lease, IMPORT_LEASE_MS, now)) ? ("taken" as const) : ("running" as const);
  });
  if (allowed === "limited") throw new TransferError("too_many_imports", `At most ${IMPORTS_PER_HOUR} imports an hour; try again later.`, 429);
  if (allowed === "running") throw new TransferError("import_running", "Another import of your progress is still running; wait for it to finish.", 409);
  try {
    const payload = await readProgressFile(text, now);
    return await runSql((d) => importOp(d, learner, payload, now));
  } finally {
    await runSql(() => releaseLease(lease));
  }
}

const ankiFiles = new Map<string, Promise<string>>();

/**
 * The active deck as an Anki file, built once per deck version and language and kept: the version is a hash
 * of the active cards' content, so a synced deck change gives a new file on every instance.
 */
export async function getAnkiDeck(lang: Language): Promise<string> {
  const versions = await prisma.card.findMany({ where: { retired: false }, orderBy: { position: "asc" }, select: { id: true, contentHash: true } });
  const version = createHash("sha256").update(versions.map((card) => `${card.id}:${card.contentHash}`).join("\n")).digest("hex");
  const key = `${lang}:${version}`;
  let file = ankiFiles.get(key);
  if (!file) {
    file = prisma.card
      .findMany({ where: { retired: false }, orderBy: { position: "asc" }, select: CARD_COLUMNS })
      .then((rows) => ankiDeck(rows.map(decodeCard), lang));
    file.catch(() => ankiFiles.delete(key));
    // Old versions go: a deck changes rarely, and each version is a few hundred kilobytes.
    for (const old of ankiFiles.keys()) if (old.startsWith(`${lang}:`)) ankiFiles.delete(old);
    ankiFiles.set(key, file);
  }
  return file;
}

/** A file of a learner with no interview date has no `interviewDate` key, as files had before it existed. */
function settingsOf(row: { desiredRetention: number; newCardsPerDay: number; timeZone: string | null; interviewDate: string | null } | null): ProgressPayload["settings"] | null {
  if (!row) return null;
  const { interviewDate, ...rest } = row;
  return interviewDate === null ? rest : { ...rest, interviewDate };
}
