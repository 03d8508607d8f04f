import { describe, expect, it } from "vitest";
import { bilingualBody, cardSource, mcqSource, numericSource, parseTestCard, SPOKEN, storedCard } from "@/lib/testing/deck";
import { decodeCard, encodeCard } from "./stored-card";
import { SPOKEN_LENGTH, spokenLength } from "./spoken";

const parse = (source: string) => parseTestCard("content/cards/test-card.md", source);
/** The fixture card with its English (or Chinese) spoken answer replaced. */
const withSpoken = (lang: "en" | "zh", text: string) => cardSource({ body: bilingualBody().replace(SPOKEN[lang], text) });
const words = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 ? "channel" : "scale")).join(" ") + ".";
const hanzi = (n: number) => "通".repeat(n) + "。";

describe("spokenLength", () => {
  it("counts English words, and Chinese characters with each run of Latin letters or digits as one", () => {
    expect(spokenLength("BatchNorm2d has 2C parameters: one scale — and one shift.", "en")).toBe(9);
    expect(spokenLength("`BatchNorm2d(64)` 有 128 个参数，eps 是 1e-5。", "zh")).toBe(10);
    expect(spokenLength(SPOKEN.en, "en")).toBeGreaterThanOrEqual(70);
    expect(spokenLength(SPOKEN.zh, "zh")).toBeGreaterThanOrEqual(120);
  });
});

describe("the Spoken sections", () => {
  it("are parsed into each language's sides as HTML, and are not part of the search text", () => {
    const card = parse(cardSource());
    expect(card.body.en.spoken).toMatch(/^<p>BatchNorm2d keeps one scale and one shift per channel/);
    expect(card.body.zh.spoken).toContain("滑动均值和滑动方差是缓冲区");
    expect(card.searchText).not.toContain("sixty-four");
  });

  it("are required on every kind of card, in both languages", () => {
    const enOnly = bilingualBody().replace(/## Spoken \(zh\)[\s\S]*/, "");
    expect(() => parse(cardSource({ body: enOnly }))).toThrow(/missing language zh: no "Spoken \(zh\)" section/);
    const neither = enOnly.replace(/## Spoken \(en\)\n[^\n]*\n/, "");
    expect(() => parse(cardSource({ body: neither }))).toThrow(/missing language en: no "Spoken \(en\)" section/);
    const mcq = mcqSource().replace(/## Spoken \(zh\)[\s\S]*/, "");
    expect(() => parseTestCard("m.md", mcq)).toThrow(/no "Spoken \(zh\)" section/);
    const numeric = numericSource().replace(/## Spoken \(en\)\n[^\n]*\n/, "");
    expect(() => parseTestCard("n.md", numeric)).toThrow(/no "Spoken \(en\)" section/);
  });

  it(`take about 30 seconds: ${SPOKEN_LENGTH.en.min}–${SPOKEN_LENGTH.en.max} English words, ${SPOKEN_LENGTH.zh.min}–${SPOKEN_LENGTH.zh.max} Chinese characters`, () => {
    expect(parse(withSpoken("en", words(SPOKEN_LENGTH.en.min))).id).toBe("test-card");
    expect(parse(withSpoken("en", words(SPOKEN_LENGTH.en.max))).id).toBe("test-card");
    expect(() => parse(withSpoken("en", words(SPOKEN_LENGTH.en.min - 1)))).toThrow(/Spoken \(en\): 64 words; about 30 seconds aloud is 65–95 words/);
    expect(() => parse(withSpoken("en", words(SPOKEN_LENGTH.en.max + 1)))).toThrow(/Spoken \(en\): 96 words/);
    expect(parse(withSpoken("zh", hanzi(SPOKEN_LENGTH.zh.max))).id).toBe("test-card");
    expect(() => parse(withSpoken("zh", hanzi(SPOKEN_LENGTH.zh.min - 1)))).toThrow(/Spoken \(zh\): 109 characters; about 30 seconds aloud is 110–190 characters/);
    expect(() => parse(withSpoken("zh", hanzi(SPOKEN_LENGTH.zh.max + 1)))).toThrow(/Spoken \(zh\): 191 characters/);
  });

  it("say formulas in words: math, lists, code blocks and placeholders are refused", () => {
    const long = SPOKEN.en.replace("two times C", "$2C$");
    expect(() => parse(withSpoken("en", long))).toThrow(/Spoken \(en\): contains a formula; a spoken answer is paragraphs of prose/);
    expect(() => parse(withSpoken("zh", `- ${SPOKEN.zh}`))).toThrow(/Spoken \(zh\): contains a list/);
    expect(() => parse(withSpoken("en", `${SPOKEN.en}\n\n\`\`\`\nx\n\`\`\``))).toThrow(/Spoken \(en\): contains a code block/);
    expect(() => parse(withSpoken("en", SPOKEN.en.replace("sixty-four", "{{C}}")))).toThrow(/Spoken \(en\): no \{\{placeholders\}\}/);
    // A name in inline code reads aloud as it is written.
    expect(parse(withSpoken("en", SPOKEN.en.replace("BatchNorm2d", "`nn.BatchNorm2d`"))).body.en.spoken).toContain("<code>nn.BatchNorm2d</code>");
  });

  it("go through the Card codec, and a row stored before spoken answers existed reads as having none", () => {
    const card = parse(cardSource());
    expect(storedCard(card).body.zh.spoken).toBe(card.body.zh.spoken);
    const row = { id: card.id, ...encodeCard(card) };
    const body = JSON.parse(row.body) as Record<string, Record<string, unknown>>;
    for (const sides of Object.values(body)) delete sides.spoken;
    const old = decodeCard({ ...row, contentHash: "before-spoken", body: JSON.stringify(body) });
    expect(old.body.en.spoken).toBeNull();
    expect(old.body.en.answer).toBe(card.body.en.answer);
  });
});
