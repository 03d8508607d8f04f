import { parseCard } from "@/lib/content/parse";
import type { DeckCard } from "@/lib/content/schema";

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

export function bilingualBody({ answer = "Two per channel: $2C$." } = {}) {
  return `## Question (en)
How many learnable parameters does BatchNorm2d(C) have?

## Answer (en)
${answer}

## Key points (en)
- one $\\gamma$, $\\beta$ pair per channel

## Question (zh)
BatchNorm2d(C) 有多少可学习参数？

## Answer (zh)
每个通道两个：$2C$。

## Key points (zh)
- 每个通道一对 $\\gamma$、$\\beta$
`;
}

export function deckCard(id: string, overrides: Parameters<typeof cardSource>[0] = {}): DeckCard {
  return parseCard(`${id}.md`, cardSource({ id, ...overrides }));
}
