export { loadDeck, DECK_DIR, type DeckOptions } from "./load";
export { parseCard, type ParseOptions } from "./parse";
export { ContentError, DeckError } from "./errors";
export * from "./schema";
export { loadGlossary, glossaryProblem, type GlossaryTerm } from "./glossary";
export { debateProblems, loadDebates, type Debate } from "./debates";
export { CARD_COLUMNS, decodeCard, encodeCard, type CardRow, type StoredCard } from "./stored-card";
export { parseCheatSheet, type CheatSheet, type CheatSheetFill } from "./cheatsheet";
export { CHEATSHEET_DIR, loadCheatSheet, loadCheatSheets, type CheatSheetOptions } from "./load-cheatsheets";
