import "server-only";
import { prisma } from "@/lib/db";
import { getSettings, type LearnerRef } from "@/lib/learner";
import { scoreOf } from "@/lib/quiz/session";
import { dayKey, startOfDay } from "@/lib/calendar";
import { decodeMemory } from "@/lib/srs/memory-codec";
import { CALENDAR_DAYS, dueForecast, quizScoresByTopic, reviewCalendar, reviewsByRating, topicProgress, trueRetention } from "./compute";
import { recallDay, recallInstant, recentAnswers } from "./progress";

export * from "./compute";
export { getPlanOverview, getProgress, type PlanOverview, type RecallDay } from "./progress";

/** Everything /stats shows, for one learner, as of `now`; predicted recall on `askedDay` (see recallDay). */
export async function getStats(learner: LearnerRef, now = new Date(), askedDay?: string) {
  const learnerId = learner.id;
  const settings = await getSettings(learner);
  const { timeZone } = settings;
  const since = startOfDay(dayKey(now, timeZone), timeZone, 1 - CALENDAR_DAYS);
  const day = recallDay(settings, now, askedDay);
  const [reviews, totalReviews, states, cards, quizzes, answers] = await Promise.all([
    prisma.reviewLog.findMany({
      where: { learnerId, reviewedAt: { gte: since, lte: now } },
      select: { cardId: true, rating: true, stateBefore: true, reviewedAt: true, previous: true },
    }),
    prisma.reviewLog.count({ where: { learnerId } }),
    prisma.cardState.findMany({ where: { learnerId, card: { retired: false } } }),
    prisma.card.findMany({ where: { retired: false }, select: { id: true, topic: true } }),
    prisma.quiz.findMany({
      where: { learnerId, finishedAt: { not: null } },
      select: { id: true, finishedAt: true, questions: { select: { outcome: true, card: { select: { topic: true } } } } },
    }),
    recentAnswers(learnerId),
  ]);
  const logs = reviews.map(({ previous, ...review }) => ({ ...review, previousInterval: previousInterval(previous) }));
  const today = dayKey(now, timeZone);
  const calendar = reviewCalendar(logs, now, timeZone);
  return {
    totalReviews,
    reviewsToday: calendar.find((day) => day.day === today)?.reviews ?? 0,
    calendar,
    ratings: reviewsByRating(logs, now, timeZone),
    forecast: dueForecast(states, now, timeZone),
    retention: trueRetention(logs, now, timeZone),
    recallDay: day,
    progress: topicProgress(cards, states, answers, { now, at: recallInstant(day.day, timeZone, now) }),
    quizScores: quizScoresByTopic(quizzes.map((quiz) => ({ id: quiz.id, finishedAt: quiz.finishedAt!, byTopic: scoreOf(quiz.questions).byTopic }))),
  };
}
export type Stats = Awaited<ReturnType<typeof getStats>>;

/** The interval before a review; a row this app did not write counts as no earlier interval, not as a crash. */
function previousInterval(previous: string | null): number | null {
  try {
    return decodeMemory(previous)?.scheduledDays ?? null;
  } catch {
    return null;
  }
}
