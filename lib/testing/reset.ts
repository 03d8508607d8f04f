import { prisma } from "@/lib/db";

/** Empties the test database's progress, and the deck too unless `keepDeck`; children before parents. */
export async function resetDatabase({ keepDeck = false } = {}) {
  await prisma.deviceLink.deleteMany();
  await prisma.challenge.deleteMany();
  await prisma.recoveryCode.deleteMany();
  await prisma.passkey.deleteMany();
  await prisma.session.deleteMany();
  await prisma.quiz.deleteMany();
  await prisma.reviewLog.deleteMany();
  await prisma.cardState.deleteMany();
  await prisma.learner.deleteMany();
  await prisma.rateLimit.deleteMany();
  if (!keepDeck) await Promise.all([prisma.card.deleteMany(), prisma.glossaryTerm.deleteMany()]);
}
