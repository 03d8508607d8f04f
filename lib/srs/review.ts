import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { decodeMemory, encodeMemory, pickMemory } from "./memory-codec";
import { applyGrade, State, type Grade } from "./scheduler";
import { UNKNOWN_LEARNER } from "@/lib/learner/identity";

export type ReviewErrorCode =
  | "unknown_card"
  | "card_retired"
  | "nothing_to_undo"
  | "unauthorized"
  | "unknown_review"
  | "review_superseded";

/** A review that cannot be done. */
export class ReviewError extends AppError<ReviewErrorCode> {}

export type GradeInput = {
  learnerId: string;
  cardId: string;
  rating: Grade;
  durationMs: number;
  now?: Date;
};

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/**
 * Grades one card for one learner: the new FSRS state and its review log are written in one transaction,
 * the log keeping the state before so that undo can restore it exactly.
 */
export async function gradeCard(input: GradeInput) {
  return prisma.$transaction((tx) => gradeCardIn(tx, input));
}

/** gradeCard inside a caller's transaction, for writes that must land together with the grade (quiz answers). */
export async function gradeCardIn(tx: Tx, { learnerId, cardId, rating, durationMs, now = new Date() }: GradeInput) {
  // Two reads, not three: each Prisma query costs most of a millisecond, and this is the hot path of study.
  const [card, learner] = await Promise.all([
    tx.card.findUnique({ where: { id: cardId }, select: { retired: true, states: { where: { learnerId } } } }),
    tx.learner.findUnique({ where: { id: learnerId }, select: { desiredRetention: true } }),
  ]);
  const row = card?.states[0] ?? null;
  if (!learner) throw new ReviewError("unauthorized", UNKNOWN_LEARNER, 401);
  if (!card) throw new ReviewError("unknown_card", `There is no card with id "${cardId}".`, 404, ["cardId"]);
  if (card.retired) throw new ReviewError("card_retired", `Card "${cardId}" has been retired from the deck.`, 409, ["cardId"]);

  const before = row ? pickMemory(row) : null;
  const after = applyGrade(before, rating, now, learner.desiredRetention);
  if (row) await tx.cardState.update({ where: { learnerId_cardId: { learnerId, cardId } }, data: after });
  else await tx.cardState.create({ data: { learnerId, cardId, ...after } });
  const log = await tx.reviewLog.create({
    data: {
      learnerId,
      cardId,
      rating,
      stateBefore: before?.state ?? State.New,
      stateAfter: after.state,
      dueBefore: before?.due ?? now,
      dueAfter: after.due,
      reviewedAt: now,
      durationMs: Math.round(durationMs),
      previous: encodeMemory(before),
    },
  });
  return { reviewId: log.id, cardId, rating, state: after };
}

/**
 * Changes the grade of an earlier review, as if it had been given then: only while it is still the card's
 * latest review, since later reviews were scheduled from its outcome.
 */
export async function changeReviewGrade(tx: Tx, learnerId: string, reviewId: number, rating: Grade) {
  const log = await tx.reviewLog.findFirst({ where: { id: reviewId, learnerId } });
  if (!log) throw new ReviewError("unknown_review", "There is no such review.", 404);
  const later = await tx.reviewLog.count({
    where: {
      learnerId,
      cardId: log.cardId,
      OR: [{ reviewedAt: { gt: log.reviewedAt } }, { reviewedAt: log.reviewedAt, id: { gt: log.id } }],
    },
  });
  if (later > 0) {
    throw new ReviewError("review_superseded", "This card has been reviewed again since; its grade can no longer change.", 409);
  }
  const before = decodeMemory(log.previous);
  const learner = await tx.learner.findUniqueOrThrow({ where: { id: learnerId }, select: { desiredRetention: true } });
  const after = applyGrade(before, rating, log.reviewedAt, learner.desiredRetention);
  await tx.cardState.update({ where: { learnerId_cardId: { learnerId, cardId: log.cardId } }, data: after });
  await tx.reviewLog.update({ where: { id: log.id }, data: { rating, stateAfter: after.state, dueAfter: after.due } });
  return { reviewId: log.id, cardId: log.cardId, rating, state: after };
}

/** Takes back the learner's most recent grade: the card returns to its state before, and the log is removed. */
export async function undoLastReview(learnerId: string) {
  return prisma.$transaction(async (tx) => {
    const [learner, last] = await Promise.all([
      tx.learner.findUnique({ where: { id: learnerId }, select: { id: true } }),
      // By time, not row id: an imported history is inserted after the learner's own reviews.
      tx.reviewLog.findFirst({ where: { learnerId }, orderBy: [{ reviewedAt: "desc" }, { id: "desc" }] }),
    ]);
    if (!learner) throw new ReviewError("unauthorized", UNKNOWN_LEARNER, 401);
    if (!last) throw new ReviewError("nothing_to_undo", "There is no review to undo.", 409);
    const key = { learnerId_cardId: { learnerId, cardId: last.cardId } };
    const restored = decodeMemory(last.previous);
    if (restored) await tx.cardState.update({ where: key, data: restored });
    else await tx.cardState.delete({ where: key });
    await tx.reviewLog.delete({ where: { id: last.id } });
    return { reviewId: last.id, cardId: last.cardId, rating: last.rating, state: restored };
  });
}
