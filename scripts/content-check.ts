// Validates the whole deck, its debates and the cheat sheets the way the app loads them, and names every broken file.
import { debateProblems, DeckError, loadCheatSheets, loadDebates, loadDeck, loadGlossary } from "../lib/content";
import { checkNumericTemplate, cheatSheetValue } from "../lib/practice";

const deck = loadDeck({ checkNumeric: checkNumericTemplate });
const debates = (async () => {
  const [cards, debates, glossary] = await Promise.all([deck, loadDebates(), loadGlossary()]);
  const problems = debateProblems(debates, cards, glossary);
  if (problems.length > 0) throw new DeckError(problems);
  return debates;
})();
const results = await Promise.allSettled([deck, debates, loadCheatSheets({ fill: cheatSheetValue })]);
let failed = false;
for (const [result, what] of results.map((result, index) => [result, ["cards", "debates", "cheat sheets"][index]] as const)) {
  if (result.status === "fulfilled") {
    console.log(`content:check: ${result.value.length} ${what} OK`);
  } else if (!(what === "debates" && results[0]!.status === "rejected")) {
    failed = true;
    console.error(result.reason instanceof DeckError ? result.reason.message : result.reason);
  }
}
if (failed) process.exit(1);
