import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { ContentError, DeckError } from "./errors";
import { GLOSSARY_FILE, glossaryProblem, loadGlossary } from "./glossary";
import { longestOptionProblem } from "./mcq-lengths";
import { parseCard } from "./parse";
import { priorityProblem, priorityRank } from "./priority";
import { DIFFICULTIES, MUST_KNOW_TOPICS, TOPICS, type DeckCard, type NumericCheck, type Topic } from "./schema";

export const DECK_DIR = path.join(process.cwd(), "content", "cards");

export type DeckOptions = {
  dir?: string;
  glossaryFile?: string;
  checkNumeric: NumericCheck;
  /** The topics whose must-know questions must be core (see priorityProblem); a small test deck passes []. */
  mustKnow?: readonly Topic[];
};

/**
 * Reads and validates every card of the deck. Throws a DeckError listing every broken file, so nothing
 * half-parsed can reach the database.
 */
export async function loadDeck({ dir = DECK_DIR, glossaryFile = GLOSSARY_FILE, checkNumeric, mustKnow = MUST_KNOW_TOPICS }: DeckOptions): Promise<DeckCard[]> {
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
  const deckProblems = [longestOptionProblem(cards), priorityProblem(cards, mustKnow)].filter((problem) => problem !== null);
  if (deckProblems.length > 0) {
    const where = path.relative(process.cwd(), dir) || ".";
    throw new DeckError(deckProblems.map((problem) => new ContentError(where, problem)));
  }
  return inStudyOrder(cards);
}

/**
 * New cards are introduced by priority (core, main, depth), then topic by topic, easy before hard: a fresh
 * learner starts with the must-know questions, not with history. The study queue takes new cards by position.
 */
export function inStudyOrder(cards: DeckCard[]): DeckCard[] {
  const rank = (card: DeckCard) => [priorityRank(card), TOPICS.indexOf(card.topic), DIFFICULTIES.indexOf(card.difficulty)];
  const compare = (a: DeckCard, b: DeckCard) => {
    const [ra, rb] = [rank(a), rank(b)];
    return ra[0]! - rb[0]! || ra[1]! - rb[1]! || ra[2]! - rb[2]! || a.id.localeCompare(b.id);
  };
  return cards.toSorted(compare).map((card, position) => ({ ...card, position }));
}
