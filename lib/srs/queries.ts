import "server-only";
import { randomInt } from "node:crypto";
import { prisma } from "@/lib/db";
import { toCardView, type CardView } from "@/lib/cards/queries";
import { TOPICS, type Topic } from "@/lib/content/schema";
import { CARD_COLUMNS, decodeCard, type StoredCard } from "@/lib/content/stored-card";
import { dayKey, nextStudyDayStart, studyDayStart } from "@/lib/calendar";
import { getSettings, type LearnerRef, type LearnerSettings } from "@/lib/learner";
import { buildQuestion, presentQuestion, type QuestionView } from "@/lib/practice";
import { formatDue } from "./format-due";
import { formatInterval } from "./format-interval";
import { usableMemory } from "./memory-codec";
import { dueBeforeInterview, interviewPlan } from "./plan";
import { GRADES, nextStates, State, type Grade, type MemoryState } from "./scheduler";
import type { Language } from "@/lib/i18n";

/** Like Anki's learn-ahead limit: when nothing else is left, a learning card due this soon is shown now. */
const LEARN_AHEAD_MS = 20 * 60_000;
const LEARNING = [State.Learning, State.Relearning];

/**
 * Study can be narrowed to one topic (from /study?topic=…); the daily new-card limit stays global. `extraNew`
 * (from /study?extra=…) raises today's new-card limit for this visit: studying ahead, as Anki's custom study does.
 */
export type StudyScope = { topic?: Topic; extraNew?: number };

/** How many more new cards "study more new cards" at the end of a session offers at a time. */
export const STUDY_AHEAD_NEW = 10;
/** The most a visit may raise the daily new-card limit by (the limit itself goes up to 500). */
export const MAX_EXTRA_NEW = 500;

/** /study's query string as a scope: an unknown topic or a bad `extra` is ignored, not an error. */
export function studyScopeOf(params: { topic?: string; extra?: string }): StudyScope {
  const topic = TOPICS.find((known) => known === params.topic);
  const extra = Number(params.extra);
  const extraNew = Number.isInteger(extra) && extra > 0 ? Math.min(extra, MAX_EXTRA_NEW) : undefined;
  return { ...(topic && { topic }), ...(extraNew && { extraNew }) };
}

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
  // With an interview date the plan sets the day's new cards (never above the learner's limit); without, the limit
  // does. "Study more" (scope.extraNew) adds to either for this visit.
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
  const allowance = (plan ? plan.newToday : Math.max(0, settings.newCardsPerDay - newToday)) + (scope.extraNew ?? 0);
  const newAvailable = Math.min(unseen, allowance);
  return { learning, review, due: learning + review, newAvailable, unseen, newToday, reviewsToday, plan, settings };
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

/** Reviews less than this apart belong to one study session; a longer pause ends it. */
export const SESSION_GAP_MS = 30 * 60_000;
/** How far back a session is looked for: no one studies a day on end without a half-hour pause. */
const SESSION_LOOKBACK_MS = 24 * 60 * 60_000;

/**
 * The end-of-session screen: what this session did (the study reviews since the last pause of
 * SESSION_GAP_MS; quiz answers are not study), when the next card of the scope comes due after now on the
 * learner's clock, and what to do next: more new cards ahead of the daily limit, other topics with work left,
 * the topic to drill.
 */
export async function getSessionSummary(learner: LearnerRef, lang: Language, counts: StudyCounts, now = new Date(), scope: StudyScope = {}) {
  const learnerId = learner.id;
  const [recent, next, elsewhere] = await Promise.all([
    prisma.reviewLog.findMany({
      where: { learnerId, reviewedAt: { gt: new Date(now.getTime() - SESSION_LOOKBACK_MS), lte: now } },
      orderBy: [{ reviewedAt: "desc" }, { id: "desc" }],
      select: { id: true, rating: true, durationMs: true, reviewedAt: true, card: { select: { topic: true } } },
    }),
    prisma.cardState.findFirst({
      where: { learnerId, card: { retired: false, topic: scope.topic }, due: { gt: now } },
      orderBy: { due: "asc" },
      select: { due: true },
    }),
    scope.topic ? getStudyCounts(learner, now, { extraNew: scope.extraNew }) : null,
  ]);
  const fromQuizzes = new Set(
    (await prisma.quizQuestion.findMany({ where: { reviewLogId: { in: recent.map((log) => log.id) } }, select: { reviewLogId: true } })).map(
      (question) => question.reviewLogId,
    ),
  );
  const session: typeof recent = [];
  let after = now;
  for (const log of recent) {
    if (fromQuizzes.has(log.id)) continue;
    if (after.getTime() - log.reviewedAt.getTime() > SESSION_GAP_MS) break;
    session.push(log);
    after = log.reviewedAt;
  }
  const again = session.filter((log) => log.rating === 1).length;
  const unseen = counts.unseen;
  return {
    reviewed: session.length,
    againRate: session.length ? again / session.length : 0,
    timeMs: session.reduce((sum, log) => sum + log.durationMs, 0),
    nextDue: next?.due.toISOString() ?? null,
    nextDueText: next ? formatDue(next.due, now, counts.settings.timeZone, lang) : null,
    /** new cards left in the scope beyond today's limit, and the `extra` that makes STUDY_AHEAD_NEW of them available */
    studyAhead: unseen > 0 ? { cards: Math.min(STUDY_AHEAD_NEW, unseen), extraNew: Math.max(0, counts.newToday - counts.settings.newCardsPerDay) + STUDY_AHEAD_NEW } : null,
    /** cards to study now outside the topic studied */
    elsewhere: elsewhere ? elsewhere.due + elsewhere.newAvailable : 0,
    drillTopic: scope.topic ?? weakestTopic(session),
  };
}

/** The topic the session found hardest: most Again grades, then most Hard; none when all went well. */
function weakestTopic(session: { rating: number; card: { topic: string } }[]): Topic | null {
  const byTopic = new Map<Topic, { again: number; hard: number }>();
  for (const log of session) {
    if (log.rating > 2) continue;
    const topic = log.card.topic as Topic;
    const tally = byTopic.get(topic) ?? { again: 0, hard: 0 };
    if (log.rating === 1) tally.again += 1;
    else tally.hard += 1;
    byTopic.set(topic, tally);
  }
  return [...byTopic].sort(([, a], [, b]) => b.again - a.again || b.hard - a.hard)[0]?.[0] ?? null;
}
export type SessionSummary = Awaited<ReturnType<typeof getSessionSummary>>;

/** What the study screen shows: the card to study (or one asked for, as after an undo), the counts, and with no card the session's summary. */
export async function getStudyScreen(learner: LearnerRef, lang: Language, scope: StudyScope, showCardId?: string, now = new Date()) {
  const [next, shown] = await Promise.all([getNextStudyCard(learner, lang, now, scope), showCardId ? getStudyCard(learner, showCardId, lang, now) : null]);
  const card = shown ?? next.card;
  const summary = card ? null : await getSessionSummary(learner, lang, next.counts, now, scope);
  return { card, counts: next.counts, summary };
}
export type StudyScreen = Awaited<ReturnType<typeof getStudyScreen>>;
export type StudyCounts = Awaited<ReturnType<typeof getStudyCounts>>;
