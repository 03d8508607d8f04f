import { loadDeck, type DeckOptions } from "@/lib/content/load";
import { parseCard } from "@/lib/content/parse";
import type { DeckCard } from "@/lib/content/schema";
import { decodeCard, encodeCard, type StoredCard } from "@/lib/content/stored-card";
import { checkNumericTemplate } from "@/lib/practice";
import type { LearnerRef } from "@/lib/learner/identity";

/** Parses a card file the way the deck loader's callers do: numeric templates checked by lib/practice. */
export function parseTestCard(file: string, source: string): DeckCard {
  return parseCard(file, source, { checkNumeric: checkNumericTemplate });
}

/**
 * Loads a deck (the real one by default) the way the deck loader's callers do. A small fixture deck (`dir`)
 * has no must-know topics to cover, so the deck-wide priority rule is off for it unless `mustKnow` is given.
 */
export function loadTestDeck(options: Omit<DeckOptions, "checkNumeric"> = {}): Promise<DeckCard[]> {
  return loadDeck({ mustKnow: options.dir === undefined ? undefined : [], ...options, checkNumeric: checkNumericTemplate });
}

/** A valid card file; `overrides` replace front-matter lines, `body` the Markdown after it. */
export function cardSource({
  id = "test-card",
  front = {},
  body,
}: { id?: string; front?: Record<string, string | null>; body?: string } = {}): string {
  const fields: Record<string, string | null> = {
    id,
    topic: "parameters",
    difficulty: "M",
    priority: "main",
    type: "concept",
    tags: "[cnn]",
    sources: '\n  - "Ioffe & Szegedy 2015, §3.2"',
    ...front,
  };
  const yaml = Object.entries(fields)
    .filter(([, value]) => value !== null)
    .map(([key, value]) => `${key}: ${value}`)
    .join("\n");
  return `---\n${yaml}\n---\n\n${body ?? bilingualBody()}`;
}

/** A spoken answer of about 30 seconds in each language, as every card needs one. */
export const SPOKEN = {
  en:
    "BatchNorm2d keeps one scale and one shift per channel, so it has two times C learnable parameters: for sixty-four " +
    "channels that is one hundred and twenty-eight. The running mean and the running variance are buffers, updated by " +
    "a moving average rather than by gradients, so they are not parameters. And the count never depends on the batch " +
    "size or on the height and width of the feature map, because parameters belong to the layer, not to the data.",
  zh:
    "BatchNorm2d 每个通道有一个缩放和一个平移，所以可学习参数是通道数的两倍，六十四个通道就是一百二十八个。" +
    "滑动均值和滑动方差是缓冲区，靠滑动平均更新，不靠梯度，所以不算参数。参数个数也和 batch 大小、特征图的高和宽" +
    "都没有关系，因为参数属于这一层本身，而不属于流过它的数据。面试时这一点很容易答错。",
};

export function bilingualBody({ answer = "Two per channel: $2C$." } = {}) {
  return `## Question (en)
How many learnable parameters does BatchNorm2d(C) have?

## Answer (en)
${answer}

## Key points (en)
- one $\\gamma$, $\\beta$ pair per channel

## Spoken (en)
${SPOKEN.en}

## Question (zh)
BatchNorm2d(C) 有多少可学习参数？

## Answer (zh)
每个通道两个：$2C$。

## Key points (zh)
- 每个通道一对 $\\gamma$、$\\beta$

## Spoken (zh)
${SPOKEN.zh}
`;
}

export function deckCard(id: string, overrides: Parameters<typeof cardSource>[0] = {}): DeckCard {
  return parseTestCard(`${id}.md`, cardSource({ id, ...overrides }));
}

/** A valid mcq card file: `options` replaces the options YAML, `body` the Markdown. */
export function mcqSource({
  id = "test-mcq",
  options = MCQ_OPTIONS,
  body = mcqBody(),
}: { id?: string; options?: string; body?: string } = {}): string {
  return cardSource({ id, front: { type: "mcq", options }, body });
}

export const MCQ_OPTIONS = `
  - text: { en: "$2C$ per layer", zh: "每层 $2C$" }
    correct: true
  - text: { en: "$2 \\\\times$ batch size", zh: "$2 \\\\times$ batch 大小" }
    why: { en: "Batch size is not a layer property.", zh: "batch 大小不是层的属性。" }
  - text: { en: "$4C$ per layer", zh: "每层 $4C$" }
    why: { en: "Running statistics are buffers.", zh: "滑动统计量是缓冲区。" }`;

export function mcqBody() {
  return `## Question (en)
How many learnable parameters does BatchNorm2d(C) have?

## Answer (en)
One $\\gamma$, $\\beta$ pair per channel.

## Spoken (en)
${SPOKEN.en}

## Question (zh)
BatchNorm2d(C) 有多少可学习参数？

## Answer (zh)
每个通道一对 $\\gamma$、$\\beta$。

## Spoken (zh)
${SPOKEN.zh}
`;
}

/** A valid numeric card file: `front` replaces front-matter fields (YAML text), `body` the Markdown. */
export function numericSource({
  id = "test-numeric",
  front = {},
  body = numericBody(),
}: { id?: string; front?: Record<string, string | null>; body?: string } = {}): string {
  return cardSource({
    id,
    front: {
      type: "numeric",
      params: "\n  C:\n    choices: [16, 32, 64]",
      calculation: "\n  call: params\n  args:\n    layer: BatchNorm2d\n    numFeatures: \"{{C}}\"\n  answer: trainable",
      ...front,
    },
    body,
  });
}

export function numericBody({ question = "How many learnable parameters does `BatchNorm2d({{C}})` have?" } = {}) {
  return `## Question (en)
${question}

## Answer (en)
$2C = 2 \\times {{C}} = {{answer}}$

## Spoken (en)
${SPOKEN.en}

## Question (zh)
\`BatchNorm2d({{C}})\` 有多少可学习参数？

## Answer (zh)
$2C = 2 \\times {{C}} = {{answer}}$

## Spoken (zh)
${SPOKEN.zh}
`;
}

/** A parsed card as it comes back from the database: written and read through the Card codec. */
export function storedCard(card: DeckCard): StoredCard {
  return decodeCard({ id: card.id, ...encodeCard(card) });
}

/** A learner who already has a row (the tests create them): an unsigned reference, never created on write. */
export function learnerRef(id: string): LearnerRef {
  return { id, session: id, issued: false, timeZone: null, userAgent: "" };
}
