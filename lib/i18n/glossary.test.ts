import { describe, expect, it } from "vitest";
import { loadGlossary } from "@/lib/content/glossary";
import { MESSAGES } from "./messages";

// The interface speaks the deck's language: the Chinese texts use the glossary's terms, as the cards must.
describe("the Chinese interface texts", () => {
  it("use no variant the glossary lists to avoid", async () => {
    const glossary = await loadGlossary();
    const texts: string[] = [];
    const walk = (value: unknown) => {
      if (typeof value === "string") texts.push(value);
      else if (value && typeof value === "object") Object.values(value).forEach(walk);
    };
    walk(MESSAGES.zh);
    const offending = texts.flatMap((text) =>
      glossary.flatMap((term) => term.avoid.filter((variant) => text.includes(variant)).map((variant) => `"${text}" uses "${variant}"; write "${term.zh}"`)),
    );
    expect(offending).toEqual([]);
  });
});
