import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { ContentError, DeckError } from "./errors";
import { GLOSSARY_FILE, glossaryProblem, loadGlossary } from "./glossary";
import { longestOptionProblem } from "./mcq-lengths";
import { parseCard } from "./parse";
import { DIFFICULTIES, TOPICS, type DeckCard, type NumericCheck } from "./schema";

export const DECK_DIR = path.join(process.cwd(), "content", "cards");

export type DeckOptions = { dir?: string; glossaryFile?: string; checkNumeric: NumericCheck };

/**
 * Reads and validates every card of the deck. Throws a DeckError listing every broken file, so nothing
 * half-parsed can reach the database.
 */
export async function loadDeck({ dir = DECK_DIR, glossaryFile = GLOSSARY_FILE, checkNumeric }: DeckOptions): Promise<DeckCard[]> {
  const [names, glossary] = await Promise.all([readdir(dir), loadGlossary(glossaryFile)]);
  const files = names.filter((name) => name.endsWith(".md")).sort();
  const cards: DeckCard[] = [];
  const problems: ContentError[] = [];
  const seen = new Map<string, string>();

  for (const name of files) {
    const file = path.relative(process.cwd(), path.join(dir, name));
    try {
      const source = await readFile(path.join(dir, name), "utf8");
      const card = parseCard(file, source, { checkNumeric });
      const wording = glossaryProblem(source, glossary);
      if (wording) throw new ContentError(file, wording);
      const first = seen.get(card.id);
      if (first) throw new ContentError(file, `duplicate id "${card.id}" (also in ${first})`);
      seen.set(card.id, file);
      cards.push(card);
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      problems.push(error);
    }
  }
  if (problems.length > 0) throw new DeckError(problems);
  const tell = longestOptionProblem(cards);
  if (tell) throw new DeckError([new ContentError(path.relative(process.cwd(), dir) || ".", tell)]);
  return inStudyOrder(cards);
}

/** New cards are introduced topic by topic, easy before hard. */
function inStudyOrder(cards: DeckCard[]): DeckCard[] {
  const rank = (card: DeckCard) => [TOPICS.indexOf(card.topic), DIFFICULTIES.indexOf(card.difficulty)] as const;
  return cards
    .toSorted((a, b) => rank(a)[0] - rank(b)[0] || rank(a)[1] - rank(b)[1] || a.id.localeCompare(b.id))
    .map((card, position) => ({ ...card, position }));
}
