"use server";

import { z } from "zod";
import { getStoredCard } from "@/lib/cards/queries";
import { buildQuestion, explainQuestion, gradeResponse, type FeedbackView } from "@/lib/practice";
import { getLearnerId } from "@/lib/learner";
import { gradeCard, ReviewError, undoLastReview } from "./review";
import { TOPICS } from "@/lib/content/schema";
import { getNextStudyCard, getSessionSummary, getStudyCard, type StudyScope } from "./queries";
import { gradeRequestSchema } from "./validation";
import { Rating, type Grade } from "./scheduler";
import { getLanguage } from "@/lib/i18n/server";

/** What the study screen needs after any change: the card to show, the counts, today's summary. */
async function studyScreen(learnerId: string, scope: StudyScope, showCardId?: string) {
  const lang = await getLanguage();
  const [next, summary, shown] = await Promise.all([
    getNextStudyCard(learnerId, lang, new Date(), scope),
    getSessionSummary(learnerId),
    showCardId ? getStudyCard(learnerId, showCardId, lang) : null,
  ]);
  return { card: shown ?? next.card, counts: next.counts, summary };
}

export type StudyScreen = Awaited<ReturnType<typeof studyScreen>>;
export type StudyActionResult = ({ ok: true } & StudyScreen) | { ok: false; error: string };

const scopeSchema = z.strictObject({ topic: z.enum(TOPICS).optional() });

export async function gradeAction(input: unknown, scopeInput: unknown = {}): Promise<StudyActionResult> {
  const parsed = gradeRequestSchema.safeParse(input);
  const scope = scopeSchema.safeParse(scopeInput);
  if (!parsed.success || !scope.success) return { ok: false, error: "invalid_grade" };
  const learnerId = await getLearnerId();
  try {
    await gradeCard({ learnerId, ...parsed.data });
  } catch (error) {
    if (error instanceof ReviewError) return { ok: false, error: error.code };
    throw error;
  }
  return { ok: true, ...(await studyScreen(learnerId, scope.data)) };
}

/** Undo puts the un-graded card straight back on screen, as Anki does. */
export async function undoAction(scopeInput: unknown = {}): Promise<StudyActionResult> {
  const scope = scopeSchema.safeParse(scopeInput);
  if (!scope.success) return { ok: false, error: "invalid_scope" };
  const learnerId = await getLearnerId();
  try {
    const { cardId } = await undoLastReview(learnerId);
    return { ok: true, ...(await studyScreen(learnerId, scope.data, cardId)) };
  } catch (error) {
    if (error instanceof ReviewError) return { ok: false, error: error.code };
    throw error;
  }
}

const checkSchema = z.strictObject({
  cardId: z.string().min(1).max(200),
  seed: z.number().int().min(0),
  response: z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("mcq"), chosen: z.array(z.string().max(8)).max(26) }),
    z.strictObject({ kind: z.literal("numeric"), text: z.string().max(200) }),
  ]).nullable(),
});

export type CheckResult =
  | { ok: true; feedback: FeedbackView; suggested: Grade | null }
  | { ok: false; error: "not_a_number" | "invalid" };

/**
 * Checks a typed or chosen answer on the study screen and suggests a grade (right → Good, wrong → Again);
 * with no answer it only shows the solution. Nothing is written: the learner still grades.
 */
export async function checkAnswerAction(input: unknown): Promise<CheckResult> {
  const parsed = checkSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid" };
  const { cardId, seed, response } = parsed.data;
  const card = await getStoredCard(cardId);
  if (!card || card.type === "concept") return { ok: false, error: "invalid" };
  const answered = response && !(response.kind === "mcq" && response.chosen.length === 0) ? response : null;
  const question = buildQuestion(card, seed);
  let suggested: Grade | null = null;
  if (answered) {
    const graded = gradeResponse(question, answered);
    if (graded.outcome === "not_a_number") return { ok: false, error: "not_a_number" };
    suggested = graded.outcome === "right" ? Rating.Good : Rating.Again;
  }
  return { ok: true, feedback: explainQuestion(question, await getLanguage(), answered), suggested };
}
