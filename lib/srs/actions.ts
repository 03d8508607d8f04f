"use server";

import { revalidatePath } from "next/cache";
import { getLanguage } from "@/lib/i18n";
import { getLearnerId } from "@/lib/learner";
import { gradeCard, ReviewError, undoLastReview } from "./review";
import { getNextStudyCard, getSessionSummary, getStudyCard } from "./queries";
import { gradeRequestSchema } from "./validation";

/** What the study screen needs after any change: the card to show, the counts, today's summary. */
async function studyScreen(learnerId: string, showCardId?: string) {
  const lang = await getLanguage();
  const [next, summary, shown] = await Promise.all([
    getNextStudyCard(learnerId, lang),
    getSessionSummary(learnerId),
    showCardId ? getStudyCard(learnerId, showCardId, lang) : null,
  ]);
  revalidatePath("/");
  return { card: shown ?? next.card, counts: next.counts, summary };
}

export type StudyScreen = Awaited<ReturnType<typeof studyScreen>>;
export type StudyActionResult = ({ ok: true } & StudyScreen) | { ok: false; error: string };

export async function gradeAction(input: unknown): Promise<StudyActionResult> {
  const parsed = gradeRequestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid_grade" };
  const learnerId = await getLearnerId();
  try {
    await gradeCard({ learnerId, ...parsed.data });
  } catch (error) {
    if (error instanceof ReviewError) return { ok: false, error: error.code };
    throw error;
  }
  return { ok: true, ...(await studyScreen(learnerId)) };
}

/** Undo puts the un-graded card straight back on screen, as Anki does. */
export async function undoAction(): Promise<StudyActionResult> {
  const learnerId = await getLearnerId();
  try {
    const { cardId } = await undoLastReview(learnerId);
    return { ok: true, ...(await studyScreen(learnerId, cardId)) };
  } catch (error) {
    if (error instanceof ReviewError) return { ok: false, error: error.code };
    throw error;
  }
}
