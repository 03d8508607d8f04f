import { createHash } from "node:crypto";
import { z } from "zod";
import { isDayKey, isTimeZone } from "@/lib/calendar";
import { AppError, type ErrorPath } from "@/lib/errors";
import { OUTCOMES, QUIZ_SIZES, quizRequestSchema, quizResponseSchema } from "@/lib/quiz/request";
import { inSlices } from "./slices";

/** What a progress file says it is: anything else is refused before its contents are looked at. */
export const FORMAT = "bn-interview-prep/progress";
export const FORMAT_VERSION = 1;

/**
 * The limits of one file. A year of daily study is about 30,000 reviews; the byte limit is what the row
 * limits allow, so that reading a file never holds the server for long.
 */
export const MAX_REVIEW_LOGS = 30_000;
export const MAX_CARD_STATES = 5_000;
export const MAX_QUIZZES = 2_000;
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024;
const MAX_DEPTH = 16;
const MAX_QUESTIONS = Math.max(...QUIZ_SIZES);

const date = z.iso.datetime({ error: "must be a date-time like 2026-03-02T10:00:00.000Z" });
const time = (iso: string) => new Date(iso).getTime();
const count = z.number().int().min(0).max(1_000_000);
const cardId = z.string().min(1).max(200);
const grade = z.number().int().min(1).max(4);

/**
 * A memory state exactly as FSRS leaves one after a grade: learning (1), review (2) or relearning (3), with a
 * positive stability, a difficulty from 1 to 10 and the time of that review. (A new card has no state at all.)
 */
const memoryState = z
  .strictObject({
    due: date,
    stability: z.number().gt(0, { error: "must be above 0" }).max(1e6),
    difficulty: z.number().min(1, { error: "must be from 1 to 10" }).max(10, { error: "must be from 1 to 10" }),
    elapsedDays: count,
    scheduledDays: count,
    learningSteps: count,
    reps: z.number().int().min(1).max(1_000_000),
    lapses: count,
    state: z.number().int().min(1, { error: "must be 1 (learning), 2 (review) or 3 (relearning)" }).max(3, { error: "must be 1 (learning), 2 (review) or 3 (relearning)" }),
    lastReview: date,
  })
  .refine((memory) => time(memory.due) >= time(memory.lastReview), { error: "is due before its own last review", path: ["due"] });

const cardStateSchema = memoryState.safeExtend({ cardId });

const reviewLogSchema = z.strictObject({
  cardId,
  rating: grade,
  stateBefore: z.number().int().min(0).max(3),
  stateAfter: z.number().int().min(1).max(3),
  dueBefore: date,
  dueAfter: date,
  reviewedAt: date,
  durationMs: z.number().int().min(0).max(86_400_000),
  /** the card's memory state before this review (null for a new card): what undo restores */
  previous: memoryState.nullable(),
});

const quizQuestionSchema = z.strictObject({
  position: count,
  cardId,
  seed: z.number().int().min(0).max(2 ** 31 - 1),
  answeredAt: date.nullable(),
  response: quizResponseSchema.nullable(),
  outcome: z.enum(OUTCOMES).nullable(),
  durationMs: z.number().int().min(0).max(86_400_000).nullable(),
  rating: grade.nullable(),
  /** reviewedAt of the review this answer wrote (same card): how the answer finds its review again */
  reviewedAt: date.nullable(),
});

const quizSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  mode: z.enum(["custom", "interview"]),
  request: quizRequestSchema,
  secondsPerQuestion: z.number().int().min(1).max(3600).nullable(),
  createdAt: date,
  finishedAt: date.nullable(),
  abandonedAt: date.nullable(),
  questions: z.array(quizQuestionSchema).min(1).max(MAX_QUESTIONS),
});

const settingsSchema = z.strictObject({
  desiredRetention: z.number().min(0.7).max(0.99),
  newCardsPerDay: z.number().int().min(0).max(500),
  timeZone: z.string().refine(isTimeZone, { error: "must be an IANA time zone such as Europe/Berlin" }).nullable().optional(),
  interviewDate: z.string().refine(isDayKey, { error: "must be a date such as 2026-06-29" }).optional(),
});

export type CardStateEntry = z.infer<typeof cardStateSchema>;
export type ReviewLogEntry = z.infer<typeof reviewLogSchema>;
export type QuizEntry = z.infer<typeof quizSchema>;
export type ProgressPayload = {
  settings: z.infer<typeof settingsSchema>;
  cardStates: CardStateEntry[];
  reviewLogs: ReviewLogEntry[];
  quizzes: QuizEntry[];
};

export type ProgressFile = {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  exportedAt: string;
  /** "sha256:" + hex of SHA-256 over canonicalJson({ format, version, exportedAt, payload }) */
  checksum: string;
  payload: ProgressPayload;
};

export type TransferErrorCode =
  | "not_json"
  | "too_large"
  | "foreign_format"
  | "unsupported_version"
  | "checksum_mismatch"
  | "invalid_file"
  | "import_running"
  | "too_many_imports"
  | "too_many_reviews";

/** A progress file that cannot be imported; nothing has been written. */
export class TransferError extends AppError<TransferErrorCode> {}

const invalid = (path: ErrorPath, message: string) => new TransferError("invalid_file", `${path.join(".")}: ${message}`, 400, path);

/**
 * JSON with object keys sorted at every level and no whitespace (the idea of RFC 8785), so the checksum does
 * not depend on how the file was pretty-printed or in which order a tool wrote the keys. Refuses nesting no
 * progress file has, so a crafted file cannot overflow the stack.
 */
export function canonicalJson(value: unknown, depth = 0): string {
  if (depth > MAX_DEPTH) throw new TransferError("invalid_file", `The file is nested deeper than any progress file (${MAX_DEPTH} levels).`);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item, depth + 1)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item, depth + 1)}`).join(",")}}`;
  }
  if (typeof value === "string" && !value.isWellFormed()) throw new TransferError("invalid_file", "The file holds text that is not well-formed Unicode.");
  return JSON.stringify(value);
}

export function checksumOf(content: { format: unknown; version: unknown; exportedAt: unknown; payload: unknown }): string {
  const { format, version, exportedAt, payload } = content;
  return `sha256:${createHash("sha256").update(canonicalJson({ format, version, exportedAt, payload })).digest("hex")}`;
}

export function sealProgress(payload: ProgressPayload, exportedAt: Date): ProgressFile {
  const content = { format: FORMAT, version: FORMAT_VERSION, exportedAt: exportedAt.toISOString(), payload } as const;
  return { ...content, checksum: checksumOf(content) };
}

// ---- reading a file in slices, so a large one never holds the event loop for long --------------------------

/** The checksum as checksumOf computes it, hashed piece by piece: the payload's arrays one item at a time. */
async function checksumInSlices(envelope: { format: unknown; version: unknown; exportedAt: unknown; payload: unknown }): Promise<string> {
  const hash = createHash("sha256");
  const { format, version, exportedAt, payload } = envelope;
  const rest = { format, version, exportedAt };
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) return checksumOf(envelope);
  const sortedKeys = (object: object) => Object.keys(object).filter((key) => (object as Record<string, unknown>)[key] !== undefined).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const outer = { ...rest, payload: null };
  hash.update("{");
  for (const [index, key] of sortedKeys(outer).entries()) {
    if (index > 0) hash.update(",");
    hash.update(`${JSON.stringify(key)}:`);
    if (key !== "payload") {
      hash.update(canonicalJson((rest as Record<string, unknown>)[key], 1));
      continue;
    }
    hash.update("{");
    for (const [inner, field] of sortedKeys(payload).entries()) {
      if (inner > 0) hash.update(",");
      hash.update(`${JSON.stringify(field)}:`);
      const value = (payload as Record<string, unknown>)[field];
      if (!Array.isArray(value)) {
        hash.update(canonicalJson(value, 2));
        continue;
      }
      hash.update("[");
      await inSlices(value, (item, position) => hash.update(`${position > 0 ? "," : ""}${canonicalJson(item, 3)}`));
      hash.update("]");
    }
    hash.update("}");
  }
  hash.update("}");
  return `sha256:${hash.digest("hex")}`;
}

const zodPath = (issue: z.core.$ZodIssue): ErrorPath => issue.path.map((key) => (typeof key === "symbol" ? String(key) : key));

/** Validates a list item by item, in slices; the first invalid item is refused with its field's path. */
async function listInSlices<T>(value: unknown, schema: z.ZodType<T>, path: ErrorPath, max: number): Promise<T[]> {
  if (!Array.isArray(value)) throw invalid(path, "must be a list");
  if (value.length > max) throw invalid(path, `a file holds at most ${max.toLocaleString("en")} of these; this one has ${value.length.toLocaleString("en")}`);
  const items: T[] = [];
  await inSlices(value, (item, index) => {
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw invalid([...path, index, ...zodPath(issue)], issue.message);
    }
    items.push(parsed.data);
  });
  return items;
}

/**
 * Checks that the file describes progress this app could have written: what no single field shows, but the
 * fields together do. Every reviewed card has its state, and that state is the one its latest review left;
 * each review follows from the state before it; reviews of one card are distinct; a quiz's questions are
 * numbered from 0, answered in order, and it is finished exactly when every question is answered.
 */
async function checkConsistency(payload: ProgressPayload, now: Date): Promise<void> {
  const future = (iso: string) => time(iso) > now.getTime() + 60_000;
  const latest = new Map<string, { log: ReviewLogEntry; index: number }>();
  const seen = new Set<string>();
  await inSlices(payload.reviewLogs, (log, index) => {
    const path = ["payload", "reviewLogs", index];
    const key = `${log.cardId}|${new Date(log.reviewedAt).toISOString()}`;
    if (seen.has(key)) throw invalid(path, "duplicate review (same card and time)");
    seen.add(key);
    if (future(log.reviewedAt)) throw invalid([...path, "reviewedAt"], "is in the future");
    if ((log.previous === null) !== (log.stateBefore === 0)) throw invalid([...path, "stateBefore"], "must be 0 (new) exactly when there is no previous state");
    if (log.previous && log.previous.state !== log.stateBefore) throw invalid([...path, "stateBefore"], "must be the previous state's state");
    if (log.previous && time(log.previous.lastReview) > time(log.reviewedAt)) throw invalid([...path, "previous", "lastReview"], "is after this review");
    if (time(log.dueAfter) < time(log.reviewedAt)) throw invalid([...path, "dueAfter"], "is before the review");
    const current = latest.get(log.cardId);
    if (!current || time(log.reviewedAt) > time(current.log.reviewedAt)) latest.set(log.cardId, { log, index });
  });
  const states = new Set<string>();
  await inSlices(payload.cardStates, (state, index) => {
    const path = ["payload", "cardStates", index];
    if (states.has(state.cardId)) throw invalid(path, "duplicate card state for one card");
    states.add(state.cardId);
    if (future(state.lastReview)) throw invalid([...path, "lastReview"], "is in the future");
    const last = latest.get(state.cardId);
    if (!last) throw invalid(path, "a card state needs the reviews that led to it");
    if (time(last.log.reviewedAt) !== time(state.lastReview) || last.log.stateAfter !== state.state) {
      throw invalid(path, `is not the state card ${state.cardId}'s latest review (reviewLogs.${last.index}) left`);
    }
  });
  for (const [cardId, { index }] of latest) {
    if (!states.has(cardId)) throw invalid(["payload", "reviewLogs", index], `card ${cardId} has reviews but no card state`);
  }
  const starts = new Set<string>();
  await inSlices(payload.quizzes, (quiz, index) => {
    const path = ["payload", "quizzes", index];
    const start = new Date(quiz.createdAt).toISOString();
    if (starts.has(start)) throw invalid(path, "duplicate quiz (same start time)");
    starts.add(start);
    if (quiz.request.mode !== quiz.mode) throw invalid([...path, "request", "mode"], "must be the quiz's mode");
    if (quiz.finishedAt && quiz.abandonedAt) throw invalid([...path, "abandonedAt"], "a finished quiz was not abandoned");
    let answering = true;
    quiz.questions.forEach((question, position) => {
      const at = [...path, "questions", position];
      if (question.position !== position) throw invalid([...at, "position"], `must be ${position}: questions are numbered from 0 without gaps`);
      const answered = question.answeredAt !== null;
      const parts = [question.response, question.outcome, question.durationMs, question.rating];
      if (parts.some((part) => (part === null) === answered)) throw invalid(at, "an answered question has its response, outcome, time and grade, an unanswered one none");
      if (answered && !answering) throw invalid([...at, "answeredAt"], "questions are answered in order");
      if (question.reviewedAt !== null && !seen.has(`${question.cardId}|${new Date(question.reviewedAt).toISOString()}`)) {
        throw invalid([...at, "reviewedAt"], "names no review of this card in the file");
      }
      answering &&= answered;
    });
    const allAnswered = quiz.questions.every((question) => question.answeredAt !== null);
    if (allAnswered !== (quiz.finishedAt !== null)) throw invalid([...path, "finishedAt"], "a quiz is finished exactly when every question is answered");
  });
}

/**
 * Checks a progress file in order (JSON, format, version, checksum, then every field and how the fields fit
 * together) and returns its payload, or throws a TransferError saying what is wrong with it. Large files are
 * read in slices that let other requests run.
 */
export async function readProgressFile(text: string, now = new Date()): Promise<ProgressPayload> {
  if (text.length > MAX_IMPORT_BYTES) throw new TransferError("too_large", `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`, 413);
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    throw new TransferError("not_json", "The file is not valid JSON: it may be truncated or not a progress file.");
  }
  if (file === null || typeof file !== "object" || Array.isArray(file) || (file as { format?: unknown }).format !== FORMAT) {
    throw new TransferError("foreign_format", "This is not a progress file exported by BN Interview Prep.", 400, ["format"]);
  }
  const envelope = file as { format: unknown; version: unknown; exportedAt: unknown; checksum: unknown; payload: unknown };
  const { version, checksum } = envelope;
  if (version !== FORMAT_VERSION) {
    throw new TransferError(
      "unsupported_version",
      `This file has format version ${JSON.stringify(version)}; this app reads version ${FORMAT_VERSION}.`,
      400,
      ["version"],
    );
  }
  if (typeof checksum !== "string" || checksum !== (await checksumInSlices(envelope))) {
    throw new TransferError("checksum_mismatch", "The checksum does not match the contents: the file was changed or damaged after export.", 400, ["checksum"]);
  }
  if (typeof envelope.exportedAt !== "string" || !date.safeParse(envelope.exportedAt).success) {
    throw new TransferError("invalid_file", "exportedAt must be a date-time.", 400, ["exportedAt"]);
  }
  const raw = envelope.payload;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw invalid(["payload"], "must be an object");
  const extra = Object.keys(raw).find((key) => !["settings", "cardStates", "reviewLogs", "quizzes"].includes(key));
  if (extra) throw invalid(["payload", extra], "is not a field of a progress file");
  const fields = raw as Record<string, unknown>;
  const settings = settingsSchema.safeParse(fields.settings);
  if (!settings.success) {
    const issue = settings.error.issues[0]!;
    throw invalid(["payload", "settings", ...zodPath(issue)], issue.message);
  }
  const payload: ProgressPayload = {
    settings: settings.data,
    cardStates: await listInSlices(fields.cardStates, cardStateSchema, ["payload", "cardStates"], MAX_CARD_STATES),
    reviewLogs: await listInSlices(fields.reviewLogs, reviewLogSchema, ["payload", "reviewLogs"], MAX_REVIEW_LOGS),
    quizzes: await listInSlices(fields.quizzes, quizSchema, ["payload", "quizzes"], MAX_QUIZZES),
  };
  await checkConsistency(payload, now);
  return payload;
}
