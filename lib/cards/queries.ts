import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { CARD_COLUMNS, decodeCard, type StoredCard } from "@/lib/content/stored-card";
import { CARD_TYPES, DIFFICULTIES, TOPICS, type CardSides } from "@/lib/content/schema";
import { questionPreview, type QuestionPreview } from "@/lib/content/preview";
import type { Language } from "@/lib/i18n";

/** A card as pages show it: one language's sides plus its metadata. */
export type CardView = {
  id: string;
  type: (typeof CARD_TYPES)[number];
  topic: (typeof TOPICS)[number];
  difficulty: (typeof DIFFICULTIES)[number];
  tags: string[];
  sources: string[];
  retired: boolean;
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
    tags: card.tags,
    sources: card.sources,
    retired: card.retired,
    sides: card.body[lang],
    options:
      spec?.kind === "mcq" ? spec.options.map((option) => ({ html: option.html[lang], correct: option.correct, why: option.why?.[lang] ?? null })) : null,
  };
}

export const cardFilterSchema = z.object({
  q: z.string().trim().max(200).catch(""),
  topic: z.enum(TOPICS).optional().catch(undefined),
  difficulty: z.enum(DIFFICULTIES).optional().catch(undefined),
});
export type CardFilter = z.infer<typeof cardFilterSchema>;

/** The active deck in study order, filtered by words (all must appear, either language), topic and difficulty. */
export async function listCards(filter: CardFilter, lang: Language): Promise<CardView[]> {
  const words = filter.q.toLowerCase().split(/\s+/).filter(Boolean);
  const cards = await prisma.card.findMany({
    where: {
      retired: false,
      topic: filter.topic,
      difficulty: filter.difficulty,
      AND: words.map((word) => ({ searchText: { contains: word } })),
    },
    orderBy: { position: "asc" },
    select: CARD_COLUMNS,
  });
  return cards.map((card) => toCardView(decodeCard(card), lang));
}

/** A card as a list shows it: what it is about and the opening of its question; the rest is on its own page. */
export type CardSummary = Pick<CardView, "id" | "type" | "topic" | "difficulty"> & { question: QuestionPreview };

// A preview depends only on the stored question HTML, which changes only when the deck is synced; parsing all of
// them again for every request was most of the list's server time.
const previews = new Map<string, QuestionPreview>();

function previewOf(questionHtml: string): QuestionPreview {
  let preview = previews.get(questionHtml);
  if (!preview) {
    preview = questionPreview(questionHtml);
    previews.set(questionHtml, preview);
  }
  return preview;
}

export async function listCardSummaries(filter: CardFilter, lang: Language): Promise<CardSummary[]> {
  const cards = await listCards(filter, lang);
  return cards.map(({ id, type, topic, difficulty, sides }) => ({ id, type, topic, difficulty, question: previewOf(sides.question) }));
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

export async function listReviewHistory(learnerId: string, cardId: string) {
  return prisma.reviewLog.findMany({
    where: { learnerId, cardId },
    orderBy: { id: "desc" },
    select: { id: true, rating: true, stateBefore: true, stateAfter: true, reviewedAt: true, dueAfter: true, durationMs: true },
  });
}

export async function countCardsByTopic(): Promise<Partial<Record<(typeof TOPICS)[number], number>>> {
  const groups = await prisma.card.groupBy({ by: ["topic"], where: { retired: false }, _count: { _all: true } });
  return Object.fromEntries(groups.map((group) => [group.topic, group._count._all]));
}
