// Validates the whole deck the way the app's sync does, and names every broken file.
import { debateProblems, DeckError, loadDebates, loadDeck, loadGlossary } from "../lib/content";
import { checkNumericTemplate } from "../lib/practice";

try {
  const cards = await loadDeck({ checkNumeric: checkNumericTemplate });
  const debates = await loadDebates();
  const problems = debateProblems(debates, cards, await loadGlossary());
  if (problems.length > 0) throw new DeckError(problems);
  console.log(`content:check: ${cards.length} cards, ${debates.length} debates OK`);
} catch (error) {
  console.error(error instanceof DeckError ? error.message : error);
  process.exit(1);
}
