import { TOPICS, type Topic } from "@/lib/content/schema";
import { dayKey, startOfDay, studyDays } from "@/lib/calendar";
import { usableMemory } from "@/lib/srs/memory-codec";
import { predictedRecall, Rating, State, type MemoryState } from "@/lib/srs/scheduler";

/** Anki's threshold: a card whose interval before the review was 21 days or more is mature. */
export const MATURE_DAYS = 21;
export const CALENDAR_DAYS = 365;
export const RECENT_DAYS = 30;
export const FORECAST_DAYS = 30;

export type ReviewRow = { cardId: string; rating: number; stateBefore: number; reviewedAt: Date; previousInterval: number | null };

export type CalendarDay = { day: string; reviews: number };

export function reviewCalendar(logs: ReviewRow[], now: Date, timeZone: string, days = CALENDAR_DAYS): CalendarDay[] {
  const counts = new Map<string, number>();
  for (const log of logs) {
    const day = dayKey(log.reviewedAt, timeZone);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  return studyDays(now, days, "past", timeZone).map((day) => ({ day, reviews: counts.get(day) ?? 0 }));
}

export type RatingsDay = { day: string; again: number; hard: number; good: number; easy: number };
const RATING_NAMES = { 1: "again", 2: "hard", 3: "good", 4: "easy" } as const;

export function reviewsByRating(logs: ReviewRow[], now: Date, timeZone: string, days = RECENT_DAYS): RatingsDay[] {
  const rows = studyDays(now, days, "past", timeZone).map((day) => ({ day, again: 0, hard: 0, good: 0, easy: 0 }));
  const byDay = new Map(rows.map((row) => [row.day, row]));
  for (const log of logs) {
    const row = byDay.get(dayKey(log.reviewedAt, timeZone));
    const name = RATING_NAMES[log.rating as keyof typeof RATING_NAMES];
    if (row && name) row[name] += 1;
  }
  return rows;
}

export type ForecastDay = { day: string; learning: number; review: number };

/** Cards coming due on each of the next days; anything already overdue counts on today. */
export function dueForecast(states: Pick<MemoryState, "due" | "state">[], now: Date, timeZone: string, days = FORECAST_DAYS): ForecastDay[] {
  const rows = studyDays(now, days, "future", timeZone).map((day) => ({ day, learning: 0, review: 0 }));
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const today = rows[0]!;
  for (const card of states) {
    if (card.state === State.New) continue;
    const row = card.due <= now ? today : byDay.get(dayKey(card.due, timeZone));
    if (!row) continue;
    if (card.state === State.Review) row.review += 1;
    else row.learning += 1;
  }
  return rows;
}

export type RetentionGroup = { reviews: number; passed: number; rate: number | null };
export type TrueRetention = { young: RetentionGroup; mature: RetentionGroup; all: RetentionGroup };

const group = (reviews: number, passed: number): RetentionGroup => ({ reviews, passed, rate: reviews ? passed / reviews : null });

/**
 * Anki's true retention: of the reviews of cards in the review state (already learned; learning and
 * relearning steps excluded), the share not graded Again. Young/mature by the interval the card had before
 * the review.
 */
export function trueRetention(logs: ReviewRow[], now: Date, timeZone: string, days = RECENT_DAYS): TrueRetention {
  const from = startOfDay(dayKey(now, timeZone), timeZone, 1 - days);
  const tally = { young: [0, 0], mature: [0, 0] };
  for (const log of logs) {
    if (log.stateBefore !== State.Review || log.reviewedAt < from || log.reviewedAt > now || log.previousInterval === null) continue;
    const interval = log.previousInterval;
    const bucket = interval >= MATURE_DAYS ? tally.mature : tally.young;
    bucket[0]! += 1;
    if (log.rating !== 1) bucket[1]! += 1;
  }
  const [youngReviews, youngPassed] = tally.young as [number, number];
  const [matureReviews, maturePassed] = tally.mature as [number, number];
  return {
    young: group(youngReviews, youngPassed),
    mature: group(matureReviews, maturePassed),
    all: group(youngReviews + matureReviews, youngPassed + maturePassed),
  };
}

/** Recent accuracy looks at a topic's last this many answers. */
export const ACCURACY_WINDOW = 20;
/** "Drill this topic" is offered below either threshold. */
export const DRILL_BELOW = { recall: 0.8, accuracy: 0.7 } as const;

/** One answer: a grade on the study screen, or a quiz answer (every quiz answer grades its card: right → Good). */
export type AnswerRow = { cardId: string; rating: number; reviewedAt: Date };

export type TopicProgress = {
  topic: Topic;
  cards: number;
  /** cards reviewed at least once */
  seen: number;
  coverage: number;
  /** the answers recent accuracy is over: the topic's last ACCURACY_WINDOW, or fewer */
  answers: number;
  /** the share of those graded Good or Easy; null before the first answer */
  accuracy: number | null;
  /** mean predicted recall on the chosen day over every card of the topic, unseen cards counting 0 */
  recall: number;
  drill: boolean;
};

export type ProgressTotals = { cards: number; seen: number; coverage: number; recall: number };

/**
 * How ready each topic of the active deck is, three ways that cannot flatter: coverage (cards seen of all the
 * topic's cards), recent accuracy (Good or Easy among its last ACCURACY_WINDOW answers), and predicted recall
 * at `at` (FSRS, see predictedRecall) averaged over all its cards, so a topic half unseen is at most half ready.
 * `now` is when the states are read: a last review after it is damage, not progress.
 */
export function topicProgress(
  cards: { id: string; topic: string }[],
  states: (MemoryState & { cardId: string })[],
  answers: AnswerRow[],
  { now, at }: { now: Date; at: Date },
): { topics: TopicProgress[]; totals: ProgressTotals } {
  const topicOf = new Map(cards.map((card) => [card.id, card.topic]));
  const recentAnswers = new Map<string, AnswerRow[]>();
  for (const answer of answers.toSorted((a, b) => b.reviewedAt.getTime() - a.reviewedAt.getTime())) {
    const topic = topicOf.get(answer.cardId);
    if (!topic) continue;
    const list = recentAnswers.get(topic) ?? [];
    if (list.length < ACCURACY_WINDOW) list.push(answer);
    recentAnswers.set(topic, list);
  }
  // A state FSRS cannot use (see usableMemory) is studied as a new card: here it is unseen, not a failed page.
  const usable = new Map(states.filter((state) => state.state !== State.New && usableMemory(state, now)).map((state) => [state.cardId, state]));
  const recallOf = (cardId: string) => predictedRecall(usable.get(cardId) ?? null, at);
  const seen = (cardId: string) => usable.has(cardId);
  const topics = TOPICS.map((topic): TopicProgress => {
    const inTopic = cards.filter((card) => card.topic === topic);
    const seenCount = inTopic.filter((card) => seen(card.id)).length;
    const recent = recentAnswers.get(topic) ?? [];
    const right = recent.filter((answer) => answer.rating >= Rating.Good).length;
    const accuracy = recent.length ? right / recent.length : null;
    const recall = inTopic.length ? inTopic.reduce((sum, card) => sum + recallOf(card.id), 0) / inTopic.length : 0;
    return {
      topic,
      cards: inTopic.length,
      seen: seenCount,
      coverage: inTopic.length ? seenCount / inTopic.length : 0,
      answers: recent.length,
      accuracy,
      recall,
      drill: recall < DRILL_BELOW.recall || (accuracy !== null && accuracy < DRILL_BELOW.accuracy),
    };
  }).filter((row) => row.cards > 0);
  const seenCards = cards.filter((card) => seen(card.id)).length;
  return {
    topics,
    totals: {
      cards: cards.length,
      seen: seenCards,
      coverage: cards.length ? seenCards / cards.length : 0,
      recall: cards.length ? cards.reduce((sum, card) => sum + recallOf(card.id), 0) / cards.length : 0,
    },
  };
}

export type QuizTopicScore = { quizId: string; finishedAt: string; topic: Topic; points: number; questions: number; percent: number };

/** Each finished quiz's score per topic (right 1, partly ½, wrong 0, as lib/quiz scores them), oldest first. */
export function quizScoresByTopic(
  quizzes: { id: string; finishedAt: Date; byTopic: Record<string, { points: number; questions: number }> }[],
): QuizTopicScore[] {
  return quizzes
    .toSorted((a, b) => a.finishedAt.getTime() - b.finishedAt.getTime())
    .flatMap((quiz) =>
      TOPICS.filter((topic) => quiz.byTopic[topic]).map((topic) => {
        const { points, questions } = quiz.byTopic[topic]!;
        return { quizId: quiz.id, finishedAt: quiz.finishedAt.toISOString(), topic, points, questions, percent: (100 * points) / questions };
      }),
    );
}
