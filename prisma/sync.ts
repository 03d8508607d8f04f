// Loads content/ and syncs it into the database. A broken card stops the sync before anything is written.
import { DeckError, loadDeck, loadGlossary } from "../lib/content";
import { searchTerms } from "../lib/content/glossary";
import { syncDeck } from "../lib/content/sync";
import { closeDatabase } from "../lib/db";
import { checkNumericTemplate } from "../lib/practice";

try {
  const [deck, glossary] = await Promise.all([loadDeck({ checkNumeric: checkNumericTemplate }), loadGlossary()]);
  const report = await syncDeck(deck, { glossary: searchTerms(glossary) });
  console.log(`deck:sync: ${report.added} added, ${report.updated} updated, ${report.retired} retired, ${report.unchanged} unchanged`);
} catch (error) {
  console.error(error instanceof DeckError ? error.message : `deck:sync: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
