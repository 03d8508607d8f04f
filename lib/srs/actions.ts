"use server";

import { z } from "zod";
import { getStoredCard } from "@/lib/cards/queries";
import { TOPICS } from "@/lib/content/schema";
import { AppError } from "@/lib/errors";
import { learnerAction, type ActionResult } from "@/lib/http";
import { getLanguage } from "@/lib/i18n/server";
import { buildQuestion, explainQuestion, gradeResponse, type FeedbackView } from "@/lib/practice";
import { getStudyScreen, MAX_EXTRA_NEW, type StudyScreen } from "./queries";
import { gradeCard, undoLastReview } from "./review";
import { Rating, type Grade } from "./scheduler";
import { gradeRequestSchema } from "./validation";

export type { StudyScreen };
export type StudyActionResult = ActionResult<StudyScreen>;

const scopeSchema = z.strictObject({ topic: z.enum(TOPICS).optional(), extraNew: z.number().int().min(0).max(MAX_EXTRA_NEW).optional() });

export const gradeAction = learnerAction(
  z.strictObject({ grade: gradeRequestSchema, scope: scopeSchema }),
  async ({ grade, scope }, learner) => {
    await gradeCard({ learner, ...grade });
    return getStudyScreen(learner, await getLanguage(), scope);
  },
);

/** Undo puts the un-graded card straight back on screen, as Anki does. */
export const undoAction = learnerAction(z.strictObject({ scope: scopeSchema }), async ({ scope }, learner) => {
  const { cardId } = await undoLastReview(learner);
  return getStudyScreen(learner, await getLanguage(), scope, cardId);
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
