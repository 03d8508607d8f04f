import { z } from "zod";

export const LANGUAGES = ["en", "zh"] as const;
export type Language = (typeof LANGUAGES)[number];

export const TOPICS = [
  "motivation",
  "algorithm",
  "placement",
  "parameters",
  "running-stats",
  "train-eval",
  "backward",
  "regularization",
  "alternatives",
  "inference",
  "practice",
] as const;
export type Topic = (typeof TOPICS)[number];

export const DIFFICULTIES = ["E", "M", "H"] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const CARD_TYPES = ["concept"] as const;
export type CardType = (typeof CARD_TYPES)[number];

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const frontMatterSchema = z.strictObject({
  id: z.string().regex(kebab, { error: "must be kebab-case ASCII (a-z, 0-9, -)" }),
  topic: z.enum(TOPICS, { error: `must be one of: ${TOPICS.join(", ")}` }),
  difficulty: z.enum(DIFFICULTIES, { error: "must be E, M or H" }),
  type: z.enum(CARD_TYPES, { error: `must be one of: ${CARD_TYPES.join(", ")}` }),
  tags: z.array(z.string().regex(kebab, { error: "must be kebab-case" })).default([]),
  sources: z.array(z.string().trim().min(1)).min(1, { error: "at least one source is required" }),
});
export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** One language's side of a card, rendered to HTML (KaTeX included). */
export type CardSides = {
  question: string;
  answer: string;
  /** the common wrong answer and why it is wrong, when there is one */
  wrongAnswer: string | null;
  /** HTML of each key point a learner grades their own answer against */
  keyPoints: string[];
};

export type DeckCard = FrontMatter & {
  /** path relative to the deck folder, for error messages */
  file: string;
  position: number;
  body: Record<Language, CardSides>;
  searchText: string;
  contentHash: string;
};
