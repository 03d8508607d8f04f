// Validates the whole deck the way the app's sync does, and names every broken file.
import { DeckError, loadDeck } from "../lib/content";
import { checkNumericTemplate } from "../lib/practice";

try {
  const cards = await loadDeck({ checkNumeric: checkNumericTemplate });
  console.log(`content:check: ${cards.length} cards OK`);
} catch (error) {
  console.error(error instanceof DeckError ? error.message : error);
  process.exit(1);
}
