import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { gradeCard } from "@/lib/srs/review";
import { createHash } from "node:crypto";
import { bilingualBody, cardSource, deckCard, learnerRef } from "@/lib/testing/deck";
import { syncDeck } from "./sync";
import { resetDatabase } from "@/lib/testing/reset";

const learnerId = "c".repeat(64);

beforeEach(async () => {
  await resetDatabase();
  await prisma.learner.create({ data: { id: learnerId } });
});

describe("syncDeck", () => {
  it("adds new cards, then reports nothing to do when run again", async () => {
    expect(await syncDeck([deckCard("one"), deckCard("two")])).toEqual({ added: 2, updated: 0, retired: 0, unchanged: 0 });
    expect(await syncDeck([deckCard("one"), deckCard("two")])).toEqual({ added: 0, updated: 0, retired: 0, unchanged: 2 });
  });

  it("updates an edited card in place and keeps its review history and schedule", async () => {
    await syncDeck([deckCard("one")]);
    await gradeCard({ learner: learnerRef(learnerId), cardId: "one", rating: 3, durationMs: 0 });
    const before = await prisma.cardState.findFirstOrThrow();

    const edited = deckCard("one", { body: bilingualBody({ answer: "Exactly $2C$: one pair per channel." }) });
    expect(await syncDeck([edited])).toMatchObject({ updated: 1 });

    const card = await prisma.card.findUniqueOrThrow({ where: { id: "one" } });
    expect(JSON.parse(card.body).en.answer).toContain("one pair per channel");
    expect(await prisma.reviewLog.count({ where: { cardId: "one" } })).toBe(1);
    expect(await prisma.cardState.findFirstOrThrow()).toEqual(before);
  });

  it("re-renders a card stored by another KaTeX, though its file did not change", async () => {
    await syncDeck([deckCard("one")]);
    // What a card rendered by KaTeX 0.16 (the hash of its source alone) looks like to the sync.
    await prisma.card.update({ where: { id: "one" }, data: { contentHash: createHash("sha256").update(deckCard("one").contentHash).digest("hex"), body: "{}" } });
    expect(await syncDeck([deckCard("one")])).toMatchObject({ updated: 1 });
    expect(JSON.parse((await prisma.card.findUniqueOrThrow({ where: { id: "one" } })).body).en.question).toContain("<p>");
    expect(deckCard("one").contentHash).not.toBe(createHash("sha256").update(cardSource({ id: "one" })).digest("hex"));
  });

  it("retires a removed card with its history kept, and brings it back when its file returns", async () => {
    await syncDeck([deckCard("one"), deckCard("two")]);
    await gradeCard({ learner: learnerRef(learnerId), cardId: "two", rating: 1, durationMs: 0 });

    expect(await syncDeck([deckCard("one")])).toEqual({ added: 0, updated: 0, retired: 1, unchanged: 1 });
    expect(await prisma.card.findUniqueOrThrow({ where: { id: "two" } })).toMatchObject({ retired: true });
    expect(await prisma.reviewLog.count({ where: { cardId: "two" } })).toBe(1);
    expect(await syncDeck([deckCard("one")])).toMatchObject({ retired: 0, unchanged: 1 });

    expect(await syncDeck([deckCard("one"), deckCard("two")])).toMatchObject({ updated: 1 });
    expect(await prisma.card.findUniqueOrThrow({ where: { id: "two" } })).toMatchObject({ retired: false });
    expect(await prisma.cardState.count({ where: { cardId: "two" } })).toBe(1);
  });
});
