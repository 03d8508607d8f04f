// Loads content/ and syncs it into the database. A broken card stops the sync before anything is written.
import { DeckError, loadDeck } from "../lib/content";
import { checkNumericTemplate } from "../lib/practice";
import { syncDeck } from "../lib/content/sync";
import { prisma } from "../lib/db";

try {
  const report = await syncDeck(await loadDeck({ checkNumeric: checkNumericTemplate }));
  console.log(
    `deck:sync: ${report.added} added, ${report.updated} updated, ${report.retired} retired, ${report.unchanged} unchanged`,
  );
} catch (error) {
  console.error(error instanceof DeckError ? error.message : error);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
