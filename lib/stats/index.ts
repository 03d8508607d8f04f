import "server-only";
import { prisma } from "@/lib/db";
import { getSettings } from "@/lib/learner";
import { scoreOf } from "@/lib/quiz/session";
import { studyDayStart } from "@/lib/srs/day";
import { decodeMemory } from "@/lib/srs/memory-codec";
import { CALENDAR_DAYS, dayKey, dueForecast, quizScoresByTopic, reviewCalendar, reviewsByRating, topicMastery, trueRetention } from "./compute";

export * from "./compute";

/** Everything /stats shows, for one learner, as of `now`. */
export async function getStats(learnerId: string, now = new Date()) {
  const since = studyDayStart(now);
  since.setDate(since.getDate() - CALENDAR_DAYS + 1);
  const [reviews, totalReviews, states, cards, quizzes, settings] = await Promise.all([
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
    getSettings(learnerId),
  ]);
  const logs = reviews.map(({ previous, ...review }) => ({ ...review, previousInterval: previousInterval(previous) }));
  const today = dayKey(now);
  const calendar = reviewCalendar(logs, now);
  return {
    totalReviews,
    reviewsToday: calendar.find((day) => day.day === today)?.reviews ?? 0,
    calendar,
    ratings: reviewsByRating(logs, now),
    forecast: dueForecast(states, now),
    retention: trueRetention(logs, now),
    mastery: topicMastery(cards, states, now, settings.desiredRetention),
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
