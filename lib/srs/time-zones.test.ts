import { beforeEach, describe, expect, it } from "vitest";
import { syncDeck } from "@/lib/content/sync";
import { prisma } from "@/lib/db";
import { getStats } from "@/lib/stats";
import { deckCard, learnerRef } from "@/lib/testing/deck";
import { resetDatabase } from "@/lib/testing/reset";
import { getStudyCounts } from "./queries";
import { gradeCard } from "./review";

// Two learners on one server, in UTC−10 and UTC+9: each one's study day rolls over at their own 4 a.m.
const honolulu = learnerRef("h".repeat(64));
const tokyo = learnerRef("t".repeat(64));

beforeEach(async () => {
  await resetDatabase();
  await syncDeck(["card-a", "card-b", "card-c"].map((id) => deckCard(id)));
  await prisma.learner.createMany({
    data: [
      { id: honolulu.id, timeZone: "Pacific/Honolulu", newCardsPerDay: 2 },
      { id: tokyo.id, timeZone: "Asia/Tokyo", newCardsPerDay: 2 },
    ],
  });
});

describe("each learner's own study day", () => {
  it("counts today's reviews and new cards from each learner's 4 a.m.", async () => {
    // 13:00 UTC on 15 June is 03:00 in Honolulu (still the 14th's study day) and 22:00 in Tokyo (the 15th's).
    const reviewedAt = new Date("2026-06-15T13:00:00Z");
    for (const learner of [honolulu, tokyo]) await gradeCard({ learner, cardId: "card-a", rating: 3, durationMs: 0, now: reviewedAt });

    // 13:59 UTC: an hour later, both are still in the day the review was made.
    const before = new Date("2026-06-15T13:59:00Z");
    expect((await getStudyCounts(honolulu, before)).reviewsToday).toBe(1);
    expect((await getStudyCounts(tokyo, before)).reviewsToday).toBe(1);
    expect((await getStudyCounts(honolulu, before)).newAvailable).toBe(1);

    // 14:00 UTC is 04:00 in Honolulu: a new day there, with its new-card allowance back; still the 15th in Tokyo.
    const honoluluMorning = new Date("2026-06-15T14:00:00Z");
    expect((await getStudyCounts(honolulu, honoluluMorning)).reviewsToday).toBe(0);
    expect((await getStudyCounts(honolulu, honoluluMorning)).newAvailable).toBe(2);
    expect((await getStudyCounts(tokyo, honoluluMorning)).reviewsToday).toBe(1);

    // 19:00 UTC is 04:00 in Tokyo on the 16th: now Tokyo's day rolls over too.
    const tokyoMorning = new Date("2026-06-15T19:00:00Z");
    expect((await getStudyCounts(tokyo, new Date(tokyoMorning.getTime() - 1))).reviewsToday).toBe(1);
    expect((await getStudyCounts(tokyo, tokyoMorning)).reviewsToday).toBe(0);
  });

  it("puts each review on the learner's own day in the statistics", async () => {
    const reviewedAt = new Date("2026-06-15T13:00:00Z");
    for (const learner of [honolulu, tokyo]) await gradeCard({ learner, cardId: "card-a", rating: 3, durationMs: 0, now: reviewedAt });
    const now = new Date("2026-06-16T20:00:00Z");
    const day = async (learner: typeof honolulu) => (await getStats(learner, now)).calendar.filter((entry) => entry.reviews > 0).map((entry) => entry.day);
    expect(await day(honolulu)).toEqual(["2026-06-14"]);
    expect(await day(tokyo)).toEqual(["2026-06-15"]);
  });
});
