/*
 * A free-text answer (an explain question in a quiz, a card recalled on the study screen) is graded against the
 * card's key points: the learner ticks the ones the answer covered. The ticks suggest the outcome; the learner
 * still has the last word.
 */

export type SelfOutcome = "right" | "partly" | "wrong";

/** How an outcome feeds the card's schedule, in a quiz and on the study screen: wrong → Again, partly → Hard, right → Good. */
export const RATING_FOR_OUTCOME = { wrong: 1, partly: 2, right: 3 } as const satisfies Record<SelfOutcome, 1 | 2 | 3>;

/** All key points covered → right, some → partly, none → wrong; null for a card without key points. */
export function outcomeFromKeyPoints(ticked: number, total: number): SelfOutcome | null {
  if (total <= 0) return null;
  if (ticked >= total) return "right";
  return ticked > 0 ? "partly" : "wrong";
}

/**
 * The ticked key points as stored: in order, each once. Throws a RangeError naming the offending index when a
 * tick is not one of the card's `total` key points.
 */
export function normalizeTicks(ticks: readonly number[], total: number): number[] {
  ticks.forEach((tick, index) => {
    if (!Number.isInteger(tick) || tick < 0 || tick >= total) throw new RangeError(String(index));
  });
  return [...new Set(ticks)].sort((a, b) => a - b);
}
