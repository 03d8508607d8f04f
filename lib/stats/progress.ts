import "server-only";
import { prisma } from "@/lib/db";
import { addDays, dayKey, isDayKey, startOfDay } from "@/lib/calendar";
import { TOPICS } from "@/lib/content/schema";
import { getSettings, type LearnerRef, type LearnerSettings } from "@/lib/learner";
import { MAX_INTERVIEW_DAYS } from "@/lib/learner/interview-date";
import { isMustKnow } from "@/lib/srs/plan";
import { getStudyCounts } from "@/lib/srs/queries";
import { ACCURACY_WINDOW, topicProgress, type AnswerRow } from "./compute";

/** Without an interview date, predicted recall is shown for this many days ahead. */
export const DEFAULT_RECALL_DAYS = 7;

/**
 * The day predicted recall is shown for: the day asked for (tomorrow to a year ahead), else the interview's day
 * while it is to come, else a week ahead. `interview` says whether it is the interview's day; `refused`, that a
 * day was asked for and was not one of those.
 */
export type RecallDay = { day: string; today: string; interview: boolean; refused?: true };

export function recallDay(settings: Pick<LearnerSettings, "timeZone" | "interviewDate">, now: Date, asked?: string): RecallDay {
  const today = dayKey(now, settings.timeZone);
  const upcoming = settings.interviewDate && settings.interviewDate >= today ? settings.interviewDate : null;
  // Today is no choice: right after a review every card is "recalled", which is what misled the old chart.
  const chosen = asked && isDayKey(asked) && asked > today && asked <= addDays(today, MAX_INTERVIEW_DAYS) ? asked : null;
  const day = chosen ?? upcoming ?? addDays(today, DEFAULT_RECALL_DAYS);
  const refused = asked !== undefined && chosen === null;
  return { day, today, interview: day === upcoming, ...(refused ? { refused } : {}) };
}

/** The moment a day's recall is predicted for: the start of that study day, or now when that has begun. */
export function recallInstant(day: string, timeZone: string, now: Date): Date {
  const start = startOfDay(day, timeZone);
  return start > now ? start : now;
}

/** Each topic's last ACCURACY_WINDOW answers on active cards (study grades and quiz answers, which grade cards). */
export async function recentAnswers(learnerId: string): Promise<AnswerRow[]> {
  const perTopic = await Promise.all(
    TOPICS.map((topic) =>
      prisma.reviewLog.findMany({
        where: { learnerId, card: { topic, retired: false } },
        orderBy: [{ reviewedAt: "desc" }, { id: "desc" }],
        take: ACCURACY_WINDOW,
        select: { cardId: true, rating: true, reviewedAt: true },
      }),
    ),
  );
  return perTopic.flat();
}

/** Coverage, recent accuracy and predicted recall per topic (and for the whole deck), for /topics and /plan. */
export async function getProgress(learner: LearnerRef, now = new Date(), askedDay?: string) {
  const settings = await getSettings(learner);
  const day = recallDay(settings, now, askedDay);
  const [states, cards, answers] = await Promise.all([
    prisma.cardState.findMany({ where: { learnerId: learner.id, card: { retired: false } } }),
    prisma.card.findMany({ where: { retired: false }, select: { id: true, topic: true } }),
    recentAnswers(learner.id),
  ]);
  return { recallDay: day, ...topicProgress(cards, states, answers, { now, at: recallInstant(day.day, settings.timeZone, now) }) };
}

/** What /plan shows: the interview and today's share of the plan, what is left unseen, and readiness per topic. */
export async function getPlanOverview(learner: LearnerRef, now = new Date()) {
  const [counts, progress, unseen] = await Promise.all([
    getStudyCounts(learner, now),
    getProgress(learner, now),
    prisma.card.findMany({ where: { retired: false, states: { none: { learnerId: learner.id } } }, select: { tags: true } }),
  ]);
  const { settings } = counts;
  const today = dayKey(now, settings.timeZone);
  return {
    today,
    interviewDate: settings.interviewDate,
    /** a date that has gone by: the default plan applies until the learner sets another */
    passed: settings.interviewDate !== null && counts.plan === null,
    plan: counts.plan,
    newCardsPerDay: settings.newCardsPerDay,
    due: counts.due,
    newAvailable: counts.newAvailable,
    newToday: counts.newToday,
    reviewsToday: counts.reviewsToday,
    unseen: unseen.length,
    mustKnowUnseen: unseen.filter((card) => isMustKnow({ tags: JSON.parse(card.tags) as string[] })).length,
    progress,
  };
}
export type PlanOverview = Awaited<ReturnType<typeof getPlanOverview>>;
