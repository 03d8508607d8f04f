// Validates the whole deck and the cheat sheets the way the app loads them, and names every broken file.
import { DeckError, loadCheatSheets, loadDeck } from "../lib/content";
import { checkNumericTemplate, cheatSheetValue } from "../lib/practice";

const [cards, sheets] = await Promise.allSettled([loadDeck({ checkNumeric: checkNumericTemplate }), loadCheatSheets({ fill: cheatSheetValue })]);
let failed = false;
for (const [result, what] of [
  [cards, "cards"],
  [sheets, "cheat sheets"],
] as const) {
  if (result.status === "fulfilled") {
    console.log(`content:check: ${result.value.length} ${what} OK`);
  } else {
    failed = true;
    console.error(result.reason instanceof DeckError ? result.reason.message : result.reason);
  }
}
if (failed) process.exit(1);
