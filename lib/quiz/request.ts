import { z } from "zod";
import { CARD_TYPES, DIFFICULTIES, TOPICS } from "@/lib/content/schema";

export const QUIZ_SIZES = [5, 10, 20] as const;
export const OUTCOMES = ["right", "partly", "wrong"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Interview mode: a fixed mix under a visible clock, like a real screening round. */
export const INTERVIEW = { count: 10, secondsPerQuestion: 90, mix: { mcq: 4, numeric: 3, concept: 3 } } as const;

const listOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z
    .array(z.enum(values, { error: `unknown ${what}` }))
    .min(1, { error: `choose at least one ${what}` })
    .default([...values]);

export const quizRequestSchema = z.discriminatedUnion("mode", [
  z.strictObject({
    mode: z.literal("custom"),
    topics: listOf(TOPICS, "topic"),
    difficulties: listOf(DIFFICULTIES, "difficulty"),
    types: listOf(CARD_TYPES, "question type"),
    count: z.union(QUIZ_SIZES.map((size) => z.literal(size)), { error: "a quiz has 5, 10 or 20 questions" }),
  }),
  z.strictObject({ mode: z.literal("interview") }),
]);
export type QuizRequest = z.infer<typeof quizRequestSchema>;

export const quizResponseSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("self"),
    outcome: z.enum(OUTCOMES, { error: "grade yourself right, partly or wrong" }),
    text: z.string().max(10_000).optional(),
    /** the card's key points the answer covered, by their place in the list (the same in both languages) */
    keyPoints: z.array(z.number().int().min(0).max(99)).max(100).optional(),
  }),
  z.strictObject({ kind: z.literal("mcq"), chosen: z.array(z.string().max(8)).min(1, { error: "choose an option" }).max(26) }),
  z.strictObject({ kind: z.literal("numeric"), text: z.string().max(200) }),
]);
export type QuizResponse = z.infer<typeof quizResponseSchema>;

export const answerRequestSchema = z.strictObject({
  position: z.number().int().min(0),
  response: quizResponseSchema,
  durationMs: z.number().int().min(0).max(86_400_000).default(0),
});

export { RATING_FOR_OUTCOME } from "@/lib/practice/key-points";
