import "server-only";
import { randomInt } from "node:crypto";
import { prisma } from "@/lib/db";
import { toCardView, type CardView } from "@/lib/cards/queries";
import type { Topic } from "@/lib/content/schema";
import { CARD_COLUMNS, decodeCard, type StoredCard } from "@/lib/content/stored-card";
import { nextStudyDayStart, studyDayStart } from "@/lib/calendar";
import { getSettings, type LearnerRef } from "@/lib/learner";
import { buildQuestion, presentQuestion, type QuestionView } from "@/lib/practice";
import { formatInterval } from "./format-interval";
import { usableMemory } from "./memory-codec";
import { GRADES, nextStates, State, type Grade, type MemoryState } from "./scheduler";
import type { Language } from "@/lib/i18n";

/** Like Anki's learn-ahead limit: when nothing else is left, a learning card due this soon is shown now. */
const LEARN_AHEAD_MS = 20 * 60_000;
const LEARNING = [State.Learning, State.Relearning];

/** Study can be narrowed to one topic (from /study?topic=…); the daily new-card limit stays global. */
export type StudyScope = { topic?: Topic };

export async function getStudyCounts(learner: LearnerRef, now = new Date(), scope: StudyScope = {}) {
  const learnerId = learner.id;
  const settings = await getSettings(learner);
  const dayStart = studyDayStart(now, settings.timeZone);
  const dayEnd = nextStudyDayStart(now, settings.timeZone);
  const card = { retired: false, topic: scope.topic };
  const active = { learnerId, card };
  const [learning, review, newToday, unseen, reviewsToday] = await Promise.all([
    prisma.cardState.count({ where: { ...active, state: { in: LEARNING }, due: { lt: dayEnd } } }),
    prisma.cardState.count({ where: { ...active, state: State.Review, due: { lt: dayEnd } } }),
    prisma.reviewLog.count({ where: { learnerId, stateBefore: State.New, reviewedAt: { gte: dayStart } } }),
    prisma.card.count({ where: { ...card, states: { none: { learnerId } } } }),
    prisma.reviewLog.count({ where: { learnerId, reviewedAt: { gte: dayStart } } }),
  ]);
  const newAvailable = Math.min(unseen, Math.max(0, settings.newCardsPerDay - newToday));
  return { learning, review, due: learning + review, newAvailable, reviewsToday, settings };
}

export type StudyCard = CardView & {
  state: number;
  /** mcq and numeric cards are answered, not just recalled: the seed draws their numbers and option order */
  practice: { seed: number; view: Exclude<QuestionView, { kind: "concept" }> } | null;
  /** the interval each grade would give, formatted for the button */
  intervals: Record<Grade, string>;
};

/**
 * The card to study next: learning cards that are due, then reviews due today, then new cards within the
 * daily limit, then learning cards due within the learn-ahead limit.
 */
export async function getNextStudyCard(learner: LearnerRef, lang: Language, now = new Date(), scope: StudyScope = {}) {
  const learnerId = learner.id;
  const counts = await getStudyCounts(learner, now, scope);
  const active = { learnerId, card: { retired: false, topic: scope.topic } };
  const byDue = { orderBy: [{ due: "asc" as const }, { cardId: "asc" as const }], include: { card: { select: CARD_COLUMNS } } };

  const due =
    (await prisma.cardState.findFirst({ where: { ...active, state: { in: LEARNING }, due: { lte: now } }, ...byDue })) ??
    (await prisma.cardState.findFirst({
      where: { ...active, state: State.Review, due: { lt: nextStudyDayStart(now, counts.settings.timeZone) } },
      ...byDue,
    }));
  const fresh =
    !due && counts.newAvailable > 0
      ? await prisma.card.findFirst({
          where: { retired: false, topic: scope.topic, states: { none: { learnerId } } },
          orderBy: { position: "asc" },
          select: CARD_COLUMNS,
        })
      : null;
  const ahead =
    !due && !fresh
      ? await prisma.cardState.findFirst({
          where: { ...active, state: { in: LEARNING }, due: { lte: new Date(now.getTime() + LEARN_AHEAD_MS) } },
          ...byDue,
        })
      : null;

  const chosen = due ?? ahead;
  const card = chosen?.card ?? fresh;
  if (!card) return { card: null, counts };
  return { card: toStudyCard(decodeCard(card), chosen ?? null, counts.settings.desiredRetention, lang, now), counts };
}

/** One given card as the study screen shows it, e.g. the card an undo has just put back. */
export async function getStudyCard(learner: LearnerRef, cardId: string, lang: Language, now = new Date()) {
  const [card, memory, settings] = await Promise.all([
    prisma.card.findUnique({ where: { id: cardId }, select: CARD_COLUMNS }),
    prisma.cardState.findUnique({ where: { learnerId_cardId: { learnerId: learner.id, cardId } } }),
    getSettings(learner),
  ]);
  return card && !card.retired ? toStudyCard(decodeCard(card), memory, settings.desiredRetention, lang, now) : null;
}

function toStudyCard(card: StoredCard, stored: MemoryState | null, desiredRetention: number, lang: Language, now: Date): StudyCard {
  // A state FSRS cannot use is studied as a new card (see usableMemory), never an error on the study page.
  const memory = stored && usableMemory(stored, now) ? stored : null;
  const previews = nextStates(memory, now, desiredRetention);
  const intervals = Object.fromEntries(
    GRADES.map((grade) => [grade, formatInterval(previews[grade].due.getTime() - now.getTime(), lang)]),
  ) as Record<Grade, string>;
  const view = toCardView(card, lang);
  if (card.type === "concept") return { ...view, state: memory?.state ?? State.New, intervals, practice: null };
  // Fresh numbers at every showing, as in a quiz.
  const seed = randomInt(2 ** 31);
  const question = presentQuestion(buildQuestion(card, seed), lang) as Exclude<QuestionView, { kind: "concept" }>;
  return {
    ...view,
    // The practice view carries the options, shuffled and without their verdicts.
    options: null,
    sides: { ...view.sides, question: question.question },
    state: memory?.state ?? State.New,
    intervals,
    practice: { seed, view: question },
  };
}

/** When the learner's next card comes due, for the end-of-session screen. */
export async function getNextDue(learnerId: string): Promise<Date | null> {
  const next = await prisma.cardState.findFirst({
    where: { learnerId, card: { retired: false } },
    orderBy: { due: "asc" },
    select: { due: true },
  });
  return next?.due ?? null;
}

/** Today's reviews (the study day, see day.ts): what the end-of-session screen sums up. */
export async function getSessionSummary(learner: LearnerRef, now = new Date()) {
  const { timeZone } = await getSettings(learner);
  const [logs, nextDue] = await Promise.all([
    prisma.reviewLog.findMany({
      where: { learnerId: learner.id, reviewedAt: { gte: studyDayStart(now, timeZone) } },
      select: { rating: true, durationMs: true },
    }),
    getNextDue(learner.id),
  ]);
  const again = logs.filter((log) => log.rating === 1).length;
  return {
    reviewed: logs.length,
    againRate: logs.length ? again / logs.length : 0,
    timeMs: logs.reduce((sum, log) => sum + log.durationMs, 0),
    nextDue: nextDue?.toISOString() ?? null,
  };
}
export type SessionSummary = Awaited<ReturnType<typeof getSessionSummary>>;
export type StudyCounts = Awaited<ReturnType<typeof getStudyCounts>>;
