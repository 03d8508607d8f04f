import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { CARD_TYPES, DIFFICULTIES, parseCardSpec, TOPICS, type CardSides, type Language } from "@/lib/content/schema";
import type { Card } from "@/lib/generated/prisma/client";

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

export function toCardView(card: Card, lang: Language): CardView {
  const body = JSON.parse(card.body) as Record<Language, CardSides>;
  return {
    id: card.id,
    type: card.type as CardView["type"],
    topic: card.topic as CardView["topic"],
    difficulty: card.difficulty as CardView["difficulty"],
    tags: JSON.parse(card.tags) as string[],
    sources: JSON.parse(card.sources) as string[],
    retired: card.retired,
    sides: body[lang],
    options: mcqOptions(card, lang),
  };
}

function mcqOptions(card: Card, lang: Language): CardView["options"] {
  const spec = card.type === "mcq" ? parseCardSpec(card.spec) : null;
  if (spec?.kind !== "mcq") return null;
  return spec.options.map((option) => ({ html: option.html[lang], correct: option.correct, why: option.why?.[lang] ?? null }));
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
  });
  return cards.map((card) => toCardView(card, lang));
}

export async function getCard(id: string, lang: Language): Promise<CardView | null> {
  const card = await prisma.card.findUnique({ where: { id } });
  return card ? toCardView(card, lang) : null;
}

/** The stored card with its spec, for checking an answer to an mcq or numeric question. */
export async function getStoredCard(id: string) {
  return prisma.card.findUnique({ where: { id }, select: { id: true, type: true, body: true, spec: true, retired: true } });
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
