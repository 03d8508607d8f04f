"use server";

import { z } from "zod";
import { getStoredCard } from "@/lib/cards/queries";
import { TOPICS } from "@/lib/content/schema";
import { AppError } from "@/lib/errors";
import { learnerAction, type ActionResult } from "@/lib/http";
import type { LearnerRef } from "@/lib/learner";
import { getLanguage } from "@/lib/i18n/server";
import { buildQuestion, explainQuestion, gradeResponse, type FeedbackView } from "@/lib/practice";
import { getNextStudyCard, getSessionSummary, getStudyCard, type StudyScope } from "./queries";
import { gradeCard, undoLastReview } from "./review";
import { Rating, type Grade } from "./scheduler";
import { gradeRequestSchema } from "./validation";

/** What the study screen needs after any change: the card to show, the counts, today's summary. */
async function studyScreen(learner: LearnerRef, scope: StudyScope, showCardId?: string) {
  const lang = await getLanguage();
  const [next, summary, shown] = await Promise.all([
    getNextStudyCard(learner, lang, new Date(), scope),
    getSessionSummary(learner),
    showCardId ? getStudyCard(learner, showCardId, lang) : null,
  ]);
  return { card: shown ?? next.card, counts: next.counts, summary };
}

export type StudyScreen = Awaited<ReturnType<typeof studyScreen>>;
export type StudyActionResult = ActionResult<StudyScreen>;

const scopeSchema = z.strictObject({ topic: z.enum(TOPICS).optional() });

export const gradeAction = learnerAction(
  z.strictObject({ grade: gradeRequestSchema, scope: scopeSchema }),
  async ({ grade, scope }, learner) => {
    await gradeCard({ learner, ...grade });
    return studyScreen(learner, scope);
  },
);

/** Undo puts the un-graded card straight back on screen, as Anki does. */
export const undoAction = learnerAction(z.strictObject({ scope: scopeSchema }), async ({ scope }, learner) => {
  const { cardId } = await undoLastReview(learner);
  return studyScreen(learner, scope, cardId);
});

const checkSchema = z.strictObject({
  cardId: z.string().min(1).max(200),
  seed: z.number().int().min(0),
  response: z
    .discriminatedUnion("kind", [
      z.strictObject({ kind: z.literal("mcq"), chosen: z.array(z.string().max(8)).max(26) }),
      z.strictObject({ kind: z.literal("numeric"), text: z.string().max(200) }),
    ])
    .nullable(),
});

export type CheckResult = ActionResult<{ feedback: FeedbackView; suggested: Grade | null }>;

/**
 * Checks a typed or chosen answer on the study screen and suggests a grade (right → Good, wrong → Again);
 * with no answer it only shows the solution. Nothing is written: the learner still grades.
 */
export const checkAnswerAction = learnerAction(checkSchema, async ({ cardId, seed, response }) => {
  const card = await getStoredCard(cardId);
  if (!card || card.type === "concept") throw new AppError("unknown_card", "There is no such question card.", 404, ["cardId"]);
  const answered = response && !(response.kind === "mcq" && response.chosen.length === 0) ? response : null;
  if (answered && answered.kind !== card.type) throw new AppError("wrong_kind", `This card wants a ${card.type} answer.`, 400, ["response", "kind"]);
  const question = buildQuestion(card, seed);
  let suggested: Grade | null = null;
  if (answered) {
    const graded = gradeResponse(question, answered);
    if (graded.outcome === "not_a_number") throw new AppError("not_a_number", "That is not a number.", 400, ["response", "text"]);
    suggested = graded.outcome === "right" ? Rating.Good : Rating.Again;
  }
  return { feedback: explainQuestion(question, await getLanguage(), answered), suggested };
});
