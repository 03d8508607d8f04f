import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bilingualBody, cardSource, loadTestDeck, MCQ_OPTIONS, mcqBody, mcqSource, numericBody, numericSource, parseTestCard } from "@/lib/testing/deck";
import { DeckError, labExperimentsOf } from "./index";

const parse = (source: string) => parseTestCard("content/cards/test-card.md", source);

describe("parseCard", () => {
  it("reads a valid card: metadata, both languages, math rendered by KaTeX on the server", () => {
    const card = parse(cardSource());
    expect(card).toMatchObject({ id: "test-card", topic: "parameters", difficulty: "M", type: "concept", tags: ["cnn"] });
    expect(card.sources).toEqual(["Ioffe & Szegedy 2015, §3.2"]);
    expect(card.body.en.question).toContain("BatchNorm2d(C)");
    expect(card.body.en.answer).toContain('class="katex"');
    expect(card.body.zh.answer).toContain("每个通道两个");
    expect(card.body.en.keyPoints).toHaveLength(1);
    expect(card.body.en.wrongAnswer).toBeNull();
    // What search indexes and shows: the text as written, each formula kept apart as its TeX.
    expect(card.searchText.en.question).toEqual([{ text: "How many learnable parameters does BatchNorm2d(C) have?" }]);
    expect(card.searchText.en.answer).toEqual([{ text: "Two per channel: " }, { tex: "2C" }, { text: "." }]);
    expect(card.searchText.zh.answer).toEqual([{ text: "每个通道两个：" }, { tex: "2C" }, { text: "。" }]);
    expect(card.searchText.en.more).toEqual([[{ text: "one " }, { tex: "\\gamma" }, { text: ", " }, { tex: "\\beta" }, { text: " pair per channel" }]]);
  });

  it("drops raw HTML from a card instead of rendering it", () => {
    const card = parse(cardSource({ body: bilingualBody({ answer: 'Two. <script>alert(1)</script><img src=x onerror="x">' }) }));
    expect(card.body.en.answer).not.toMatch(/<script|<img|onerror/);
  });

  it.each([
    ["a missing field", { front: { difficulty: null } }, /missing field "difficulty"/],
    ["an unknown topic", { front: { topic: "batchnorm" } }, /topic: must be one of/],
    ["an unknown difficulty", { front: { difficulty: "X" } }, /difficulty: must be E, M or H/],
    ["an unknown type", { front: { type: "essay" } }, /type: must be one of/],
    ["no sources", { front: { sources: "[]" } }, /at least one source/],
    ["an id that is not kebab-case", { id: "Bad Id" }, /id: must be kebab-case/],
    ["an unknown front-matter field", { front: { extra: "1" } }, /Unrecognized key/],
  ])("rejects %s, naming the file", (_, options, problem) => {
    expect(() => parse(cardSource(options))).toThrow(problem);
    expect(() => parse(cardSource(options))).toThrow(/^content\/cards\/test-card\.md: /);
  });

  it("rejects a card missing a language", () => {
    const englishOnly = bilingualBody().split("## Question (zh)")[0]!;
    expect(() => parse(cardSource({ body: englishOnly }))).toThrow(/missing language zh: no "Question \(zh\)" section/);
  });

  it("closes bold that ends on Chinese punctuation right before a letter (CommonMark alone leaves the asterisks)", () => {
    const body = bilingualBody().replace("每个通道两个：$2C$。", "**每个通道两个。**即 $2C$。");
    expect(parse(cardSource({ body })).body.zh.answer).toContain("<strong>每个通道两个。</strong>即");
  });

  it("rejects a card whose rendered text still shows a literal **, but not one inside code", () => {
    expect(() => parse(cardSource({ body: bilingualBody({ answer: "Two per channel ** not bold." }) }))).toThrow(
      /Answer \(en\): a literal "\*\*" survives rendering/,
    );
    expect(parse(cardSource({ body: bilingualBody({ answer: "Two per channel: `2 ** 1`." }) })).body.en.answer).toContain("2 ** 1");
  });

  it("rejects math KaTeX cannot parse", () => {
    const body = bilingualBody({ answer: "Broken: $\\frac{1}{$" });
    expect(() => parse(cardSource({ body }))).toThrow(/Answer \(en\): math KaTeX cannot parse/);
  });

  it("rejects a wrong-answer section given in only one language", () => {
    const body = bilingualBody().replace("## Key points (en)", "## Wrong answer (en)\n2m.\n\n## Key points (en)");
    expect(() => parse(cardSource({ body }))).toThrow(/"Wrong answer" must be given in both languages/);
  });

  it("rejects key points that make a different number of points in each language", () => {
    const body = bilingualBody().replace("- 每个通道一对 $\\gamma$、$\\beta$\n", "- 每个通道一对 $\\gamma$、$\\beta$\n- 与 batch 大小无关\n");
    expect(() => parse(cardSource({ body }))).toThrow(/"Key points" lists 1 points in en but 2 in zh/);
  });

  it("rejects a formula that states something in one language only (a fix that reached one side)", () => {
    const body = bilingualBody({ answer: "Two per channel: $2C$, for any $a > 0$." });
    expect(() => parse(cardSource({ body }))).toThrow(/Answer: the formula \$a>0\$ is in en but not in zh/);
    // Symbols without a relation or a number, and \text{…} inside math, may differ between the languages.
    const prose = bilingualBody({ answer: "Two per channel: $2C$, one $\\gamma$ each, $2C \\text{ in all}$." });
    expect(parse(cardSource({ body: prose.replace("每个通道两个：$2C$。", "每个通道两个：$2C$，$2C \\text{ 个}$。") })).id).toBe("test-card");
  });

  it("rejects a card whose two languages cite different paper sections", () => {
    const body = bilingualBody({ answer: "Two per channel: $2C$ (§3.2)." });
    expect(() => parse(cardSource({ body }))).toThrow(/the sections cited differ: en cites § 3\.2, zh cites § none/);
  });

  it("stores debated: true as a field and as the tag debated, and needs two sources for it", () => {
    const twoSources = '\n  - "Santurkar et al. 2018, §3 (arXiv:1805.11604)"\n  - "Bjorck et al. 2018, abstract (arXiv:1806.02375)"';
    const card = parse(cardSource({ front: { debated: "true", sources: twoSources } }));
    expect(card).toMatchObject({ debated: true, tags: ["cnn", "debated"] });
    expect(parse(cardSource())).toMatchObject({ debated: false, tags: ["cnn"] });
    expect(() => parse(cardSource({ front: { debated: "true" } }))).toThrow(/debated: true needs at least two sources.*found 1/);
  });

  it("links a card to BN Lab experiments: the field, and a lab-<id> tag per experiment for the stored card", () => {
    const card = parse(cardSource({ front: { lab: "[small-batches, train-eval]" } }));
    expect(card).toMatchObject({ lab: ["small-batches", "train-eval"], tags: ["cnn", "lab-small-batches", "lab-train-eval"] });
    expect(labExperimentsOf(card.tags)).toEqual(["small-batches", "train-eval"]);
    expect(parse(cardSource())).toMatchObject({ lab: [], tags: ["cnn"] });
  });

  it.each([
    ["an unknown experiment", "[learning-rates]", /lab\.0: must be a BN Lab experiment: learning-rate, activations/],
    ["an experiment twice", "[dropout, dropout]", /lab: an experiment is listed twice/],
  ])("rejects a lab link to %s, naming the file", (_, lab, problem) => {
    expect(() => parse(cardSource({ front: { lab } }))).toThrow(problem);
    expect(() => parse(cardSource({ front: { lab } }))).toThrow(/^content\/cards\/test-card\.md: /);
  });

  it("keeps lab-… tags for lab links", () => {
    expect(() => parse(cardSource({ front: { tags: "[cnn, lab-dropout]" } }))).toThrow(/"lab-dropout" is reserved for lab links; write lab: \[dropout\]/);
  });

  it("rejects unknown headings, text before the first section, and key points that are not a list", () => {
    expect(() => parse(cardSource({ body: `## Notes (en)\nx\n\n${bilingualBody()}` }))).toThrow(/unknown section heading "Notes \(en\)"/);
    expect(() => parse(cardSource({ body: `Stray text\n\n${bilingualBody()}` }))).toThrow(/text before the first section/);
    const prose = bilingualBody().replace("- one $\\gamma$, $\\beta$ pair per channel", "One pair per channel.");
    expect(() => parse(cardSource({ body: prose }))).toThrow(/Key points \(en\)" must be a single bulleted list/);
  });

  it("rejects front matter that is not valid YAML", () => {
    expect(() => parse("---\nid: [unclosed\n---\n")).toThrow(/front matter is not valid YAML/);
  });
});

describe("parseCard: mcq cards", () => {
  const parseMcq = (options: { options?: string; body?: string } = {}) => parseTestCard("content/cards/test-mcq.md", mcqSource(options));

  it("reads the options in file order as a, b, c, rendered per language, wrong ones with their why", () => {
    const card = parseMcq();
    expect(card.type).toBe("mcq");
    if (card.spec?.kind !== "mcq") throw new Error("no mcq spec");
    expect(card.spec.options.map((o) => [o.id, o.correct])).toEqual([
      ["a", true],
      ["b", false],
      ["c", false],
    ]);
    expect(card.spec.options[0]!.html.en).toContain('class="katex"');
    expect(card.spec.options[0]!.html.en).not.toMatch(/^<p>/);
    expect(card.spec.options[0]!.why).toBeNull();
    expect(card.spec.options[1]!.why!.zh).toBe("batch 大小不是层的属性。");
    expect(card.body.en.keyPoints).toEqual([]);
    // Options and why the wrong ones are wrong are searchable text of the card.
    expect(card.searchText.en.more).toContainEqual([{ text: "Batch size is not a layer property." }]);
    expect(card.searchText.zh.more).toContainEqual([{ tex: "2 \\times" }, { text: " batch 大小" }]);
  });

  const noCorrect = MCQ_OPTIONS.replace("    correct: true\n", "    why: { en: \"x\", zh: \"x\" }\n");
  const noWhy = MCQ_OPTIONS.replace(/\n {4}why: \{ en: "Batch size[^\n]*/, "");
  it.each([
    ["no correct option", { options: noCorrect }, /options: no option is marked correct: true/],
    ["a wrong option without why", { options: noWhy }, /options\.1\.why: wrong option b needs a "why"/],
    ["fewer than three options", { options: MCQ_OPTIONS.split("\n  - text").slice(0, 3).join("\n  - text") }, /at least 3 options/],
    ["an option missing a language", { options: MCQ_OPTIONS.replace('zh: "每层 $4C$"', 'fr: "每层 $4C$"') }, /options\.2\.text/],
    ["an option that is not one paragraph", { options: MCQ_OPTIONS.replace('en: "$2C$ per layer"', 'en: "# $2C$ per layer"') }, /options\.0\.text\.en: must be a single paragraph/],
    ["an option that is only a formula (its radio button would have no name)", { options: MCQ_OPTIONS.replace('en: "$4C$ per layer"', 'en: "$4C$"') }, /options\.2\.text\.en: an option needs words outside its math/],
    ["math KaTeX cannot parse in an option", { options: MCQ_OPTIONS.replace('en: "$4C$ per layer"', 'en: "$\\\\frac{4$ per layer"') }, /options\.2\.text\.en: math KaTeX cannot parse/],
    ["a missing answer", { body: mcqBody().replace(/## Answer \(zh\)[\s\S]*/, "") }, /missing language zh: no "Answer \(zh\)" section/],
  ])("rejects %s, naming the file", (_, options, problem) => {
    expect(() => parseMcq(options)).toThrow(problem);
    expect(() => parseMcq(options)).toThrow(/^content\/cards\/test-mcq\.md: /);
  });

  it("accepts key points and a wrong answer when given in both languages", () => {
    const body = `${mcqBody()}\n## Key points (en)\n- two per channel\n\n## Key points (zh)\n- 每个通道两个\n`;
    expect(parseMcq({ body }).body.zh.keyPoints).toHaveLength(1);
    expect(() => parseMcq({ body: `${mcqBody()}\n## Key points (en)\n- two per channel\n` })).toThrow(/"Key points" must be given in both languages \(missing in zh\)/);
  });
});

describe("parseCard: numeric cards", () => {
  const parseNumeric = (options: Parameters<typeof numericSource>[0] = {}) => parseTestCard("content/cards/test-numeric.md", numericSource(options));
  const tensorParams = (range: string) => `\n  N:\n    range: ${range}\n  x:\n    tensor: { shape: [N, 1], min: -2, max: 2, decimals: 1 }`;
  const runningVar = '\n  call: running\n  args:\n    input: "{{x}}"\n    shape: "{{x.shape}}"\n  answer: runningVar[0]';
  const tensorBody = numericBody().replaceAll("{{C}}", "{{N}}");

  it("stores the templates and a seed-1 preview, with no answer number in the file", () => {
    const card = parseNumeric();
    if (card.spec?.kind !== "numeric") throw new Error("no numeric spec");
    expect(card.spec.template.question.en).toBe("How many learnable parameters does `BatchNorm2d({{C}})` have?");
    expect(card.spec.template.tolerance).toEqual({ relative: 1e-3 });
    expect(card.spec.template.params).toEqual([{ name: "C", spec: { choices: [16, 32, 64] } }]);
    expect(card.body.en.question).toMatch(/BatchNorm2d\((16|32|64)\)/);
    expect(card.body.en.answer).toContain('class="katex"');
    expect(card.searchText.en.question).toEqual([{ text: expect.stringMatching(/BatchNorm2d\((16|32|64)\)/) }]);
  });

  it.each([
    [
      "a calculation that fails for a value in a parameter's range",
      { front: { params: tensorParams("[1, 4]"), calculation: runningVar }, body: tensorBody },
      /numeric calculation fails for N=1, x=\[-?\d(\.\d)?\]: Expected more than 1 value per channel/,
    ],
    [
      "a calculation that fails for one of the choices",
      { front: { params: "\n  C:\n    choices: [16, 0]" } },
      /numeric calculation fails for C=0: numFeatures must be a positive integer/,
    ],
    ["a placeholder that names no parameter", { body: numericBody({ question: "For {{M}} channels?" }) }, /Question \(en\): placeholder \{\{M\}\} names no parameter or computed value/],
    ["a result placeholder that names no field", { body: numericBody({ question: "{{result.bogus}}" }) }, /placeholder \{\{result\.bogus\}\} names no parameter/],
    [
      "an argument that references no parameter",
      { front: { calculation: '\n  call: params\n  args:\n    layer: BatchNorm2d\n    numFeatures: "{{D}}"\n  answer: trainable' } },
      /calculation\.args\.numFeatures: \{\{D\}\} names no parameter/,
    ],
    [
      "an answer that is no field of the result",
      { front: { calculation: '\n  call: params\n  args:\n    layer: BatchNorm2d\n    numFeatures: "{{C}}"\n  answer: trainables' } },
      /calculation\.answer "trainables" is not a field of the result/,
    ],
    ["an unknown engine call", { front: { calculation: "\n  call: train\n  args: {}\n  answer: x" } }, /calculation\.call: must be one of: forward, running, backward, params, fold/],
    [
      "an unknown engine argument",
      { front: { calculation: '\n  call: params\n  args:\n    layer: BatchNorm2d\n    channels: "{{C}}"\n  answer: trainable' } },
      /calculation\.args: Unrecognized key: "channels"/,
    ],
    ["a range with min above max", { front: { params: "\n  C:\n    range: [64, 16]" } }, /params\.C: range must be \[min, max\]/],
    [
      "a tensor too large for a question",
      { front: { params: "\n  x:\n    tensor: { shape: [64, 64], min: 0, max: 1 }", calculation: runningVar }, body: numericBody({ question: "{{x[0]}}" }).replaceAll("{{C}}", "2") },
      /tensor "x" has 4096 values; at most 1024/,
    ],
    [
      "a placeholder in the key points",
      { body: `${numericBody()}\n## Key points (en)\n- $2 \\times {{C}}$\n\n## Key points (zh)\n- 两倍\n` },
      /Key points \(en\): \{\{placeholders\}\} are only filled in the Question and Answer sections/,
    ],
    ["a tolerance with neither bound", { front: { tolerance: "{}" } }, /tolerance: give relative, absolute or both/],
    ["no parameters", { front: { params: "{}" } }, /params: a numeric card needs at least one parameter/],
  ])("rejects %s, naming the file", (_, options, problem) => {
    expect(() => parseNumeric(options)).toThrow(problem);
    expect(() => parseNumeric(options)).toThrow(/^content\/cards\/test-numeric\.md: /);
  });

  it("accepts the same card once its range excludes the failing value", () => {
    expect(parseNumeric({ front: { params: tensorParams("[2, 4]"), calculation: runningVar }, body: tensorBody }).type).toBe("numeric");
  });

  it("rejects a tolerance the displayed 6-digit answer cannot meet", () => {
    const options = {
      front: { params: tensorParams("[3, 4]"), calculation: runningVar, tolerance: "\n  absolute: 0" },
      body: tensorBody,
    };
    expect(() => parseNumeric(options)).toThrow(/the displayed answer [\d.]+ is outside the card's own tolerance/);
  });
});

describe("loadDeck", () => {
  const deckWith = (files: Record<string, string>) => {
    const dir = mkdtempSync(path.join(tmpdir(), "deck-"));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return dir;
  };

  it("rejects a duplicate id, naming both files, and reports every broken file at once", async () => {
    const dir = deckWith({
      "a.md": cardSource({ id: "same" }),
      "b.md": cardSource({ id: "same" }),
      "c.md": cardSource({ id: "c", front: { topic: "nope" } }),
    });
    const error = await loadTestDeck({ dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeckError);
    expect((error as DeckError).problems).toHaveLength(2);
    expect((error as DeckError).message).toMatch(/b\.md: duplicate id "same" \(also in .*a\.md\)/);
    expect((error as DeckError).message).toMatch(/c\.md: topic: must be one of/);
  });

  it("orders cards topic by topic, easy before hard", async () => {
    const dir = deckWith({
      "1.md": cardSource({ id: "hard-params", front: { difficulty: "H" } }),
      "2.md": cardSource({ id: "easy-params", front: { difficulty: "E" } }),
      "3.md": cardSource({ id: "why", front: { topic: "motivation" } }),
    });
    const cards = await loadTestDeck({ dir });
    expect(cards.map((card) => [card.id, card.position])).toEqual([
      ["why", 0],
      ["easy-params", 1],
      ["hard-params", 2],
    ]);
  });

  it("loads the real deck: every card valid in both languages and in the glossary's terms", async () => {
    const cards = await loadTestDeck();
    expect(cards.length).toBeGreaterThanOrEqual(20);
    expect(cards.filter((card) => card.type === "mcq").length).toBeGreaterThanOrEqual(5);
    expect(cards.filter((card) => card.type === "numeric").length).toBeGreaterThanOrEqual(5);
    for (const card of cards) {
      expect(card.body.en.question.length, card.id).toBeGreaterThan(10);
      expect(card.body.zh.question, card.id).toMatch(/[\u4e00-\u9fff]/);
      expect(card.spec === null, card.id).toBe(card.type === "concept");
      if (card.spec?.kind === "mcq") {
        for (const option of card.spec.options) expect(option.correct || option.why !== null, `${card.id} ${option.id}`).toBe(true);
      }
    }
  });
});
