"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { CARD_TYPES, DIFFICULTIES, TOPICS } from "@/lib/content/schema";
import { getLearnerId } from "@/lib/learner";
import { ReviewError } from "@/lib/srs/review";
import { explainQuestion } from "@/lib/practice";
import { answerRequestSchema, quizRequestSchema } from "./request";
import { abandonQuiz, answerQuestion, changeQuizGrade, createQuiz, currentPosition, getQuiz, QuizError } from "./session";
import { getLanguage } from "@/lib/i18n/server";

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
  const learnerId = await getLearnerId();
  let created: Awaited<ReturnType<typeof createQuiz>>;
  try {
    created = await createQuiz(learnerId, parsed.data);
  } catch (error) {
    if (error instanceof QuizError) return { message: error.code };
    throw error;
  }
  const short = created.questions < created.requested ? `?asked=${created.requested}` : "";
  redirect(`/quiz/${created.id}${short}`);
}

/** "Quiz this topic" on a topic's study guide: every type and difficulty of the one topic, 10 questions. */
export async function startTopicQuizAction(formData: FormData) {
  const topic = TOPICS.find((known) => known === formData.get("topic"));
  if (!topic) redirect("/topics");
  const request = { mode: "custom" as const, topics: [topic], difficulties: [...DIFFICULTIES], types: [...CARD_TYPES], count: 10 as const };
  const created = await createQuiz(await getLearnerId(), request);
  redirect(`/quiz/${created.id}${created.questions < created.requested ? `?asked=${created.requested}` : ""}`);
}

export type AnswerResult =
  | { ok: true; outcome: "right" | "partly" | "wrong"; finished: boolean; feedback: Awaited<ReturnType<typeof explainQuestion>> | null }
  | { ok: false; error: string };

export async function answerAction(quizId: string, input: unknown): Promise<AnswerResult> {
  const parsed = answerRequestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid_answer" };
  const learnerId = await getLearnerId();
  try {
    const result = await answerQuestion(learnerId, quizId, parsed.data);
    const response = parsed.data.response;
    const feedback = response.kind !== "self" ? explainQuestion(result.question, await getLanguage(), response) : null;
    return { ok: true, outcome: result.outcome, finished: result.finished, feedback };
  } catch (error) {
    if (error instanceof QuizError || error instanceof ReviewError) return { ok: false, error: error.code };
    throw error;
  }
}

/**
 * Where the quiz really is. A page restored from the browser's or the router's cache may show a question
 * that has since been answered (in another tab, or before the learner went Back): it asks, and catches up.
 */
export async function quizPositionAction(quizId: string): Promise<{ position: number | null; over: boolean }> {
  if (typeof quizId !== "string") return { position: null, over: true };
  const quiz = await getQuiz(await getLearnerId(), quizId);
  if (!quiz) return { position: null, over: true };
  return { position: currentPosition(quiz), over: quiz.finishedAt !== null || quiz.abandonedAt !== null };
}

export async function abandonQuizAction(formData: FormData) {
  const quizId = String(formData.get("quizId") ?? "");
  try {
    await abandonQuiz(await getLearnerId(), quizId);
  } catch (error) {
    if (!(error instanceof QuizError)) throw error;
  }
  revalidatePath("/quiz");
  redirect("/quiz");
}

const changeGradeSchema = z.strictObject({
  quizId: z.string().min(1),
  position: z.coerce.number().int().min(0),
  rating: z.coerce.number().int().min(1).max(4),
});

export async function changeGradeAction(input: unknown): Promise<{ ok: true; rating: number } | { ok: false; error: string }> {
  const parsed = changeGradeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid_grade" };
  const { quizId, position, rating } = parsed.data;
  try {
    await changeQuizGrade(await getLearnerId(), quizId, position, rating as 1 | 2 | 3 | 4);
  } catch (error) {
    if (error instanceof QuizError || error instanceof ReviewError) return { ok: false, error: error.code };
    throw error;
  }
  return { ok: true, rating };
}
