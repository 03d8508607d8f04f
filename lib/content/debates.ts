import { readFile } from "node:fs/promises";
import path from "node:path";
import { readFrontMatter } from "./front-matter";
import { z } from "zod";
import { ContentError } from "./errors";
import { glossaryProblem, type GlossaryTerm } from "./glossary";
import type { DeckCard } from "./schema";

export const DEBATES_FILE = path.join(process.cwd(), "content", "debates.md");
const FILE = "content/debates.md";

const bilingual = z.strictObject({ en: z.string().min(1), zh: z.string().min(1) });
const explanationSchema = z.strictObject({ claim: bilingual, evidence: bilingual, sources: z.array(z.string().min(1)).min(1) });
const debateSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  question: bilingual,
  cards: z.array(z.string().min(1)).min(1),
  explanations: z.array(explanationSchema).min(2),
});
const debatesSchema = z.strictObject({ debates: z.array(debateSchema).min(1) });

export type Debate = z.infer<typeof debateSchema>;

/** The debates a "debated" card leads to: competing explanations, each with its evidence and sources. */
export async function loadDebates(file: string = DEBATES_FILE): Promise<Debate[]> {
  const { data } = readFrontMatter(path.relative(process.cwd(), file), await readFile(file, "utf8"), debatesSchema);
  return data.debates;
}

/**
 * Problems between the debates and the deck: every debated card belongs to exactly one debate, every card a
 * debate names exists and is marked debated, and a debate cites at least two distinct sources — a claim
 * contested by one source is not a debate the learner can weigh.
 */
export function debateProblems(debates: readonly Debate[], cards: readonly DeckCard[], glossary: readonly GlossaryTerm[]): ContentError[] {
  const problems: ContentError[] = [];
  const fail = (problem: string) => problems.push(new ContentError(FILE, problem));
  const byId = new Map(cards.map((card) => [card.id, card]));
  const owner = new Map<string, string>();
  for (const debate of debates) {
    if (new Set(debate.explanations.flatMap((explanation) => explanation.sources)).size < 2) fail(`debate "${debate.id}" cites fewer than two sources`);
    for (const id of debate.cards) {
      const card = byId.get(id);
      if (!card) fail(`debate "${debate.id}" names card "${id}", which the deck does not have`);
      else if (!card.debated) fail(`debate "${debate.id}" names card "${id}", which is not marked debated: true`);
      const other = owner.get(id);
      if (other) fail(`card "${id}" is in two debates ("${other}" and "${debate.id}")`);
      owner.set(id, debate.id);
    }
    const wording = glossaryProblem(JSON.stringify(debate), glossary);
    if (wording) fail(`debate "${debate.id}" ${wording}`);
  }
  if (new Set(debates.map((debate) => debate.id)).size !== debates.length) fail("two debates share an id");
  for (const card of cards) {
    if (card.debated && !owner.has(card.id)) fail(`card "${card.id}" is marked debated but belongs to no debate: add it to one`);
  }
  return problems;
}
