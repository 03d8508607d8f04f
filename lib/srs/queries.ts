import "server-only";
import { randomInt } from "node:crypto";
import { prisma } from "@/lib/db";
import { toCardView, type CardView } from "@/lib/cards/queries";
import type { Topic } from "@/lib/content/schema";
import { CARD_COLUMNS, decodeCard, type StoredCard } from "@/lib/content/stored-card";
import { dayKey, nextStudyDayStart, studyDayStart } from "@/lib/calendar";
import { getSettings, type LearnerRef, type LearnerSettings } from "@/lib/learner";
import { buildQuestion, presentQuestion, type QuestionView } from "@/lib/practice";
import { formatInterval } from "./format-interval";
import { usableMemory } from "./memory-codec";
import { dueBeforeInterview, interviewPlan } from "./plan";
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
  const unseenIn = (topic?: string) => prisma.card.count({ where: { retired: false, topic, states: { none: { learnerId } } } });
  const planned = settings.interviewDate !== null;
  const [learning, review, newToday, unseen, reviewsToday, unseenInDeck, deckSize] = await Promise.all([
    prisma.cardState.count({ where: { ...active, state: { in: LEARNING }, due: { lt: dayEnd } } }),
    prisma.cardState.count({ where: { ...active, state: State.Review, due: { lt: dayEnd } } }),
    prisma.reviewLog.count({ where: { learnerId, stateBefore: State.New, reviewedAt: { gte: dayStart } } }),
    unseenIn(scope.topic),
    prisma.reviewLog.count({ where: { learnerId, reviewedAt: { gte: dayStart } } }),
    scope.topic && planned ? unseenIn() : null,
    planned ? prisma.card.count({ where: { retired: false } }) : 0,
  ]);
  // With an interview date the plan sets the day's new cards (never above the learner's limit); without, the limit does.
  const plan = settings.interviewDate
    ? interviewPlan({
        today: dayKey(now, settings.timeZone),
        interviewDay: settings.interviewDate,
        deckSize,
        unseen: unseenInDeck ?? unseen,
        introducedToday: newToday,
        limit: settings.newCardsPerDay,
      })
    : null;
  const allowance = plan ? plan.newToday : Math.max(0, settings.newCardsPerDay - newToday);
  const newAvailable = Math.min(unseen, allowance);
  return { learning, review, due: learning + review, newAvailable, newToday, reviewsToday, plan, settings };
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
  const fresh = !due && counts.newAvailable > 0 ? await nextNewCard(learnerId, scope) : null;
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
  return { card: toStudyCard(decodeCard(card), chosen ?? null, counts.settings, lang, now), counts };
}

/** The next card never studied, in deck order: the deck puts its must-know (core) cards first. */
async function nextNewCard(learnerId: string, scope: StudyScope) {
  const unseen = { retired: false, topic: scope.topic, states: { none: { learnerId } } };
  return prisma.card.findFirst({ where: unseen, orderBy: { position: "asc" }, select: CARD_COLUMNS });
}

/** One given card as the study screen shows it, e.g. the card an undo has just put back. */
export async function getStudyCard(learner: LearnerRef, cardId: string, lang: Language, now = new Date()) {
  const [card, memory, settings] = await Promise.all([
    prisma.card.findUnique({ where: { id: cardId }, select: CARD_COLUMNS }),
    prisma.cardState.findUnique({ where: { learnerId_cardId: { learnerId: learner.id, cardId } } }),
    getSettings(learner),
  ]);
  return card && !card.retired ? toStudyCard(decodeCard(card), memory, settings, lang, now) : null;
}

function toStudyCard(card: StoredCard, stored: MemoryState | null, settings: LearnerSettings, lang: Language, now: Date): StudyCard {
  // A state FSRS cannot use is studied as a new card (see usableMemory), never an error on the study page.
  const memory = stored && usableMemory(stored, now) ? stored : null;
  const previews = nextStates(memory, now, settings.desiredRetention);
  // The buttons show what grading gives, the interview's bound included (as gradeCard applies it).
  const dueAfter = (grade: Grade) => dueBeforeInterview(previews[grade], now, settings).due;
  const intervals = Object.fromEntries(GRADES.map((grade) => [grade, formatInterval(dueAfter(grade).getTime() - now.getTime(), lang)])) as Record<
    Grade,
    string
  >;
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
