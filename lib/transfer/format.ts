import { createHash } from "node:crypto";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { OUTCOMES, quizRequestSchema, quizResponseSchema } from "@/lib/quiz/request";

/** What a progress file says it is: anything else is refused before its contents are looked at. */
export const FORMAT = "bn-interview-prep/progress";
export const FORMAT_VERSION = 1;
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const date = z.iso.datetime({ error: "must be a date-time like 2026-03-02T10:00:00.000Z" });
const count = z.number().int().min(0);
const cardId = z.string().min(1).max(200);
const state = z.number().int().min(0).max(3);
const grade = z.number().int().min(1).max(4);

const memoryState = z.strictObject({
  due: date,
  stability: z.number().min(0),
  difficulty: z.number(),
  elapsedDays: count,
  scheduledDays: count,
  learningSteps: count,
  reps: count,
  lapses: count,
  state,
  lastReview: date.nullable(),
});

const cardStateSchema = memoryState.extend({ cardId });

const reviewLogSchema = z.strictObject({
  cardId,
  rating: grade,
  stateBefore: state,
  stateAfter: state,
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
  seed: count,
  answeredAt: date.nullable(),
  response: quizResponseSchema.nullable(),
  outcome: z.enum(OUTCOMES).nullable(),
  durationMs: count.nullable(),
  rating: grade.nullable(),
  /** reviewedAt of the review this answer wrote (same card): how the answer finds its review again */
  reviewedAt: date.nullable(),
});

const quizSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  mode: z.enum(["custom", "interview"]),
  request: quizRequestSchema,
  secondsPerQuestion: z.number().int().min(1).nullable(),
  createdAt: date,
  finishedAt: date.nullable(),
  abandonedAt: date.nullable(),
  questions: z
    .array(quizQuestionSchema)
    .max(100)
    .refine((questions) => new Set(questions.map((q) => q.position)).size === questions.length, { error: "two questions share a position" }),
});

const unique = <T>(key: (item: T) => string, what: string) => (items: T[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(key(item))) ctx.addIssue({ code: "custom", path: [index], message: `duplicate ${what}` });
    seen.add(key(item));
  });
};

export const payloadSchema = z.strictObject({
  settings: z.strictObject({
    desiredRetention: z.number().min(0.7).max(0.99),
    newCardsPerDay: z.number().int().min(0).max(500),
  }),
  cardStates: z.array(cardStateSchema).max(100_000).superRefine(unique((s) => s.cardId, "card state for one card")),
  reviewLogs: z.array(reviewLogSchema).max(500_000).superRefine(unique((l) => `${l.cardId}|${l.reviewedAt}`, "review (same card and time)")),
  quizzes: z.array(quizSchema).max(10_000).superRefine(unique((q) => q.createdAt, "quiz (same start time)")),
});
export type ProgressPayload = z.infer<typeof payloadSchema>;

export type ProgressFile = {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  exportedAt: string;
  /** "sha256:" + hex of SHA-256 over canonicalJson({ format, version, exportedAt, payload }) */
  checksum: string;
  payload: ProgressPayload;
};

/**
 * JSON with object keys sorted at every level and no whitespace (the idea of RFC 8785), so the checksum does
 * not depend on how the file was pretty-printed or in which order a tool wrote the keys.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
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

export type TransferErrorCode = "not_json" | "too_large" | "foreign_format" | "unsupported_version" | "checksum_mismatch" | "invalid_file" | "unauthorized";

/** A progress file that cannot be imported; nothing has been written. */
export class TransferError extends AppError<TransferErrorCode> {}

/**
 * Checks a progress file in order (JSON, format, version, checksum, then every field) and returns its
 * payload, or throws a TransferError saying what is wrong with it.
 */
export function readProgressFile(text: string): ProgressPayload {
  if (text.length > MAX_IMPORT_BYTES) throw new TransferError("too_large", "The file is larger than 20 MB.", 413);
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
  if (typeof checksum !== "string" || checksum !== checksumOf(envelope)) {
    throw new TransferError("checksum_mismatch", "The checksum does not match the contents: the file was changed or damaged after export.", 400, ["checksum"]);
  }
  if (typeof envelope.exportedAt !== "string" || !date.safeParse(envelope.exportedAt).success) {
    throw new TransferError("invalid_file", "exportedAt must be a date-time.", 400, ["exportedAt"]);
  }
  const payload = payloadSchema.safeParse(envelope.payload);
  if (!payload.success) {
    const issue = payload.error.issues[0]!;
    const path = ["payload", ...issue.path.map((key) => (typeof key === "symbol" ? String(key) : key))];
    throw new TransferError("invalid_file", `${path.join(".")}: ${issue.message}`, 400, path);
  }
  return payload.data;
}
