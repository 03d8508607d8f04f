export { loadDeck, DECK_DIR } from "./load";
export { parseCard } from "./parse";
export { ContentError, DeckError } from "./errors";
export * from "./schema";
export { loadGlossary, glossaryProblem, type GlossaryTerm } from "./glossary";
