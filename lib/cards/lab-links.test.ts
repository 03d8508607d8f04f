import { beforeEach, describe, expect, it } from "vitest";
import { syncDeck } from "@/lib/content/sync";
import { deckCard } from "@/lib/testing/deck";
import { resetDatabase } from "@/lib/testing/reset";
import { getCard, listLabCards } from "./queries";

beforeEach(async () => {
  await resetDatabase();
});

describe("lab links through the stored card", () => {
  it("a card shows its experiments apart from its tags, and the lab lists the active cards under each experiment", async () => {
    await syncDeck([
      deckCard("eval-card", { front: { lab: "[train-eval, dropout]" } }),
      deckCard("plain-card"),
      deckCard("dropout-card", { front: { lab: "[dropout]" } }),
    ]);
    expect(await getCard("eval-card", "en")).toMatchObject({ tags: ["cnn"], lab: ["train-eval", "dropout"] });
    expect(await getCard("plain-card", "en")).toMatchObject({ tags: ["cnn"], lab: [] });

    const links = await listLabCards("zh");
    expect(links.dropout.map((link) => link.id)).toEqual(["eval-card", "dropout-card"]);
    expect(links["train-eval"]).toEqual([{ id: "eval-card", question: expect.stringContaining("有多少可学习参数") }]);
    expect(links["learning-rate"]).toEqual([]);

    await syncDeck([deckCard("plain-card"), deckCard("dropout-card", { front: { lab: "[dropout]" } })]);
    expect((await listLabCards("en")).dropout.map((link) => link.id)).toEqual(["dropout-card"]);
  });
});
