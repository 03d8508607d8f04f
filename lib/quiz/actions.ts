"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { CARD_TYPES, DIFFICULTIES, TOPICS } from "@/lib/content/schema";
import { AppError } from "@/lib/errors";
import { learnerAction, type ActionResult } from "@/lib/http";
import { getLanguage } from "@/lib/i18n/server";
import { getLearner } from "@/lib/learner";
import { explainQuestion, type FeedbackView } from "@/lib/practice";
import type { Outcome } from "./request";
import { answerRequestSchema, quizRequestSchema } from "./request";
import { abandonQuiz, answerQuestion, changeQuizGrade, createQuiz, currentPosition, elapsedSince, getQuiz } from "./session";

export type StartQuizState = { errors?: Record<string, string[]>; message?: string };

export async function startQuizAction(_previous: StartQuizState, formData: FormData): Promise<StartQuizState> {
  const mode = formData.get("mode");
  const parsed = quizRequestSchema.safeParse(
    mode === "interview"
      ? { mode }
      : {
          mode: "custom",
          topics: formData.getAll("topics"),
          difficulties: formData.getAll("difficulties"),
          types: formData.getAll("types"),
          count: Number(formData.get("count")),
        },
  );
  if (!parsed.success) {
    const fields = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
    return { errors: Object.fromEntries(Object.keys(fields).map((key) => [key, [key]])) };
  }
  const learner = await getLearner();
  let created: Awaited<ReturnType<typeof createQuiz>>;
  try {
    created = await createQuiz(learner, parsed.data);
  } catch (error) {
    if (error instanceof AppError) return { message: error.code };
    throw error;
  }
  const short = created.questions < created.requested ? `?asked=${created.requested}` : "";
  redirect(`/quiz/${created.id}${short}`);
}

/**
 * "Quiz this topic" on a topic's study guide, and "Drill this topic" for a weak spot (a quiz result, the end of
 * a study session): every type and difficulty of the one topic, 10 questions.
 */
export async function startTopicQuizAction(formData: FormData) {
  const topic = TOPICS.find((known) => known === formData.get("topic"));
  if (!topic) redirect("/topics");
  const request = { mode: "custom" as const, topics: [topic], difficulties: [...DIFFICULTIES], types: [...CARD_TYPES], count: 10 as const };
  const created = await createQuiz(await getLearner(), request);
  redirect(`/quiz/${created.id}${created.questions < created.requested ? `?asked=${created.requested}` : ""}`);
}

/** "Start an interview" wherever it is offered as one button (the end of a study session). */
export async function startInterviewAction() {
  const created = await createQuiz(await getLearner(), { mode: "interview" });
  redirect(`/quiz/${created.id}`);
}

const quizIdSchema = z.string().min(1).max(64);

export type AnswerResult = ActionResult<{ outcome: Outcome; finished: boolean; feedback: FeedbackView | null }>;

export const answerAction = learnerAction(
  z.strictObject({ quizId: quizIdSchema, answer: answerRequestSchema }),
  async ({ quizId, answer }, learner) => {
    const result = await answerQuestion(learner, quizId, answer);
    const response = answer.response;
    const feedback = response.kind !== "self" ? explainQuestion(result.question, await getLanguage(), response) : null;
    return { outcome: result.outcome, finished: result.finished, feedback };
  },
);

/**
 * Where the quiz really is. A page restored from the browser's or the router's cache may show a question
 * that has since been answered (in another tab, or before the learner went Back): it asks, and catches up.
 */
export const quizPositionAction = learnerAction(z.strictObject({ quizId: quizIdSchema }), async ({ quizId }, learner) => {
  const quiz = await getQuiz(learner.id, quizId);
  if (!quiz) return { position: null, over: true, elapsedMs: null };
  const position = currentPosition(quiz);
  const shownAt = quiz.questions.find((question) => question.position === position)?.shownAt ?? null;
  // The question's clock as the server keeps it, for a page restored with the time it had when it was cached.
  return { position, over: quiz.finishedAt !== null || quiz.abandonedAt !== null, elapsedMs: shownAt ? elapsedSince(shownAt) : null };
});

export async function abandonQuizAction(formData: FormData) {
  const quizId = String(formData.get("quizId") ?? "");
  try {
    await abandonQuiz((await getLearner()).id, quizId);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
  revalidatePath("/quiz");
  redirect("/quiz");
}

export const changeGradeAction = learnerAction(
  z.strictObject({
    quizId: quizIdSchema,
    position: z.coerce.number().int().min(0),
    rating: z.coerce.number().int().min(1).max(4),
  }),
  async ({ quizId, position, rating }, learner) => {
    await changeQuizGrade(learner, quizId, position, rating as 1 | 2 | 3 | 4);
    return { rating };
  },
);
