import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { loadDebates, type Debate } from "@/lib/content/debates";
import { CARD_COLUMNS, decodeCard, type StoredCard } from "@/lib/content/stored-card";
import { CARD_TYPES, DEBATED_TAG, DIFFICULTIES, LAB_TAG_PREFIX, labExperimentsOf, TOPICS, type CardSides } from "@/lib/content/schema";
import { EXPERIMENT_IDS, type ExperimentId } from "@/lib/experiments/setup";
import type { Language } from "@/lib/i18n";

/** A card as pages show it: one language's sides plus its metadata. */
export type CardView = {
  id: string;
  type: (typeof CARD_TYPES)[number];
  topic: (typeof TOPICS)[number];
  difficulty: (typeof DIFFICULTIES)[number];
  /** The author's tags (and "debated"); lab links are in `lab`. */
  tags: string[];
  /** The answer rests on a contested explanation: its marker leads to /debates. */
  debated: boolean;
  sources: string[];
  retired: boolean;
  /** BN Lab experiments that show this card's claim. */
  lab: ExperimentId[];
  sides: CardSides;
  /** an mcq card's options in file order, with which are correct and why the others are not */
  options: { html: string; correct: boolean; why: string | null }[] | null;
};

export function toCardView(card: StoredCard, lang: Language): CardView {
  const spec = card.spec;
  return {
    id: card.id,
    type: card.type,
    topic: card.topic,
    difficulty: card.difficulty,
    tags: card.tags.filter((tag) => !tag.startsWith(LAB_TAG_PREFIX)),
    debated: card.tags.includes(DEBATED_TAG),
    sources: card.sources,
    retired: card.retired,
    lab: labExperimentsOf(card.tags),
    sides: card.body[lang],
    options:
      spec?.kind === "mcq" ? spec.options.map((option) => ({ html: option.html[lang], correct: option.correct, why: option.why?.[lang] ?? null })) : null,
  };
}

/** The words (at most 200 characters: a longer text is cut, not refused), topic and difficulty /cards filters by. */
export const cardFilterSchema = z.object({
  q: z
    .string()
    .catch("")
    .transform((q) => q.trim().slice(0, 200).trim()),
  topic: z.enum(TOPICS).optional().catch(undefined),
  difficulty: z.enum(DIFFICULTIES).optional().catch(undefined),
});
export type CardFilter = z.infer<typeof cardFilterSchema>;

/** The active deck in study order, with both sides of each card, filtered by topic and difficulty. */
export async function listCards(filter: Omit<CardFilter, "q">, lang: Language): Promise<CardView[]> {
  const cards = await prisma.card.findMany({
    where: { retired: false, topic: filter.topic, difficulty: filter.difficulty },
    orderBy: { position: "asc" },
    select: CARD_COLUMNS,
  });
  return cards.map((card) => toCardView(decodeCard(card), lang));
}

export async function getCard(id: string, lang: Language): Promise<CardView | null> {
  const card = await getStoredCard(id);
  return card ? toCardView(card, lang) : null;
}

/** One card as stored, decoded (retired ones too: their history is kept). */
export async function getStoredCard(id: string): Promise<StoredCard | null> {
  const row = await prisma.card.findUnique({ where: { id }, select: CARD_COLUMNS });
  return row ? decodeCard(row) : null;
}

/** Reviews per page of a card's history: a card reviewed thousands of times still gives a small page. */
export const HISTORY_PAGE_SIZE = 50;

/** One page (from 1, newest first) of a learner's reviews of a card, and how many pages there are. */
export async function listReviewHistory(learnerId: string, cardId: string, page = 1) {
  const where = { learnerId, cardId };
  const [total, reviews] = await Promise.all([
    prisma.reviewLog.count({ where }),
    prisma.reviewLog.findMany({
      where,
      orderBy: [{ reviewedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * HISTORY_PAGE_SIZE,
      take: HISTORY_PAGE_SIZE,
      select: { id: true, rating: true, stateBefore: true, stateAfter: true, reviewedAt: true, dueAfter: true, durationMs: true },
    }),
  ]);
  return { reviews, page, pages: Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE)), total };
}

export const historyPageSchema = z.coerce.number().int().min(1).max(1_000_000).catch(1);

export async function countCardsByTopic(): Promise<Partial<Record<(typeof TOPICS)[number], number>>> {
  const groups = await prisma.card.groupBy({ by: ["topic"], where: { retired: false }, _count: { _all: true } });
  return Object.fromEntries(groups.map((group) => [group.topic, group._count._all]));
}

/** A card as the lab lists it under an experiment: a link and its question. */
export type LabCardLink = { id: string; question: string };

/** The active cards each BN Lab experiment illustrates, in study order. */
export async function listLabCards(lang: Language): Promise<Record<ExperimentId, LabCardLink[]>> {
  const rows = await prisma.card.findMany({
    where: { retired: false, tags: { contains: `"${LAB_TAG_PREFIX}` } },
    orderBy: { position: "asc" },
    select: CARD_COLUMNS,
  });
  const links = Object.fromEntries(EXPERIMENT_IDS.map((experiment) => [experiment, [] as LabCardLink[]])) as Record<ExperimentId, LabCardLink[]>;
  for (const row of rows) {
    const card = decodeCard(row);
    for (const experiment of labExperimentsOf(card.tags)) links[experiment].push({ id: card.id, question: card.body[lang].question });
  }
  return links;
}

/** content/debates.md, read once per process: like the deck, it changes with a deploy (and is checked by the build). */
let debates: Promise<Debate[]> | undefined;

export type DebateView = Omit<Debate, "question" | "explanations" | "cards"> & {
  question: string;
  explanations: { claim: string; evidence: string; sources: string[] }[];
  cards: { id: string; question: string }[];
};

/** Every debate in one language, with the cards that rest on it (their questions as card HTML). */
export async function listDebates(lang: Language): Promise<DebateView[]> {
  const all = await (debates ??= loadDebates());
  const ids = all.flatMap((debate) => debate.cards);
  const rows = await prisma.card.findMany({ where: { id: { in: ids }, retired: false }, select: CARD_COLUMNS });
  const questions = new Map(rows.map((row) => [row.id, decodeCard(row).body[lang].question]));
  return all.map((debate) => ({
    id: debate.id,
    question: debate.question[lang],
    explanations: debate.explanations.map((explanation) => ({ claim: explanation.claim[lang], evidence: explanation.evidence[lang], sources: explanation.sources })),
    cards: debate.cards.flatMap((id) => (questions.has(id) ? [{ id, question: questions.get(id)! }] : [])),
  }));
}
