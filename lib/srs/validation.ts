import { z } from "zod";
import type { Grade } from "./scheduler";

/** The body of POST /api/reviews, and what the study page's grade action accepts. */
export const gradeRequestSchema = z.strictObject({
  cardId: z.string({ error: "cardId must be a string" }).min(1, { error: "cardId must not be empty" }).max(200),
  rating: z
    .number({ error: "rating must be a number from 1 (Again) to 4 (Easy)" })
    .int({ error: "rating must be a whole number from 1 to 4" })
    .min(1, { error: "rating must be from 1 (Again) to 4 (Easy)" })
    .max(4, { error: "rating must be from 1 (Again) to 4 (Easy)" })
    .transform((rating) => rating as Grade),
  durationMs: z.number().int().min(0).max(86_400_000).default(0),
});
