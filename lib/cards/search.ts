import "server-only";
import { readSql, type Dialect, type Op } from "@/lib/db";
import { renderMath } from "@/lib/content/render";
import type { Difficulty, Topic } from "@/lib/content/schema";
import { listIndex, readGlossary, searchIndex, type IndexedCard, type QueryGroups, type SearchFilter, type SearchFound, type SearchTerm } from "@/lib/content/search-index";
import { fieldUnits, nameKey, phraseMatches, phraseTokens, unitIndex, unitsOf, type Run, type Unit, type UnitIndex } from "@/lib/content/search-text";
import { LANGUAGES, type Language } from "@/lib/i18n";
import type { CardFilter } from "./queries";

/*
 * /cards search: the learner's words, each glossary term among them widened to all its names in both
 * languages, matched by the engine's full-text index (lib/content/search-index.ts), ranked, and marked.
 */

/** A piece of highlighted text: plain text (never HTML) or a formula as MathML made on the server by KaTeX. */
export type Segment = { text: string; mark: boolean } | { math: string; mark: boolean };
/** Text to show with its matches marked; `clipped` when it is an excerpt of a longer text. */
export type Highlighted = { lang: Language; segments: Segment[]; clippedStart: boolean; clippedEnd: boolean };

export type CardHit = {
  id: string;
  topic: Topic;
  difficulty: Difficulty;
  debated: boolean;
  /** the question in the page's language */
  question: Highlighted;
  /** where the words matched outside the question (in the page's language if they did there), or null */
  snippet: Highlighted | null;
};

export type CardSearch = {
  /** the best `limit` of the cards found (all of them without a query) */
  cards: CardHit[];
  /** how many cards were found */
  total: number;
  /** no card has every word: these have some of them */
  partial: boolean;
  /** glossary terms the query named by another of their names: "did you mean" the deck's own term */
  didYouMean: { typed: string; term: string }[];
  /** when no card has every word: glossary terms close to the query that do find cards */
  suggestions: string[];
};

// ---- the query -----------------------------------------------------------------------------------------

type Phrase = { units: Unit[] };
/** What the query asks: every group must match, by any of its phrases. */
type Group = { phrases: Phrase[]; term: SearchTerm | null; typed: string };

type GlossaryName = { units: Unit[]; term: SearchTerm };
type SearchGlossary = { names: GlossaryName[]; phrasesOf: Map<SearchTerm, Phrase[]>; terms: SearchTerm[] };

// The glossary as the last deck sync stored it, made ready for matching once per version of it.
let compiled: { key: string; glossary: SearchGlossary } | null = null;
function compileGlossary({ terms, key }: { terms: SearchTerm[]; key: string }): SearchGlossary {
  if (compiled?.key === key) return compiled.glossary;
  const names: GlossaryName[] = [];
  const phrasesOf = new Map<SearchTerm, Phrase[]>();
  for (const term of terms) {
    const seen = new Set<string>();
    const phrases: Phrase[] = [];
    for (const name of term.names) {
      if (seen.has(nameKey(name))) continue;
      seen.add(nameKey(name));
      const units = unitsOf(name);
      names.push({ units, term });
      phrases.push({ units });
    }
    phrasesOf.set(term, phrases);
  }
  names.sort((a, b) => b.units.length - a.units.length);
  compiled = { key, glossary: { names, phrasesOf, terms } };
  return compiled.glossary;
}

// A query of a few hundred characters is a sentence pasted by mistake: its first words are plenty.
const MAX_GROUPS = 24;

/**
 * Reads the query into groups: each glossary name in it (the longest first) becomes its term with all its
 * names; every other word is a group of its own, and every other run of Chinese one phrase.
 */
function parseQuery(q: string, { names, phrasesOf }: SearchGlossary): Group[] {
  const units = unitsOf(q);
  const groups: Group[] = [];
  const textOf = (from: number, to: number) => q.slice(units[from]!.start, units[to]!.end);
  let i = 0;
  while (i < units.length && groups.length < MAX_GROUPS) {
    const name = names.find((candidate) => namedAt(units, i, candidate));
    if (name) {
      groups.push({ phrases: phrasesOf.get(name.term)!, term: name.term, typed: textOf(i, i + name.units.length - 1) });
      i += name.units.length;
      continue;
    }
    let end = i;
    if (units[i]!.cjk) while (units[end + 1]?.cjk && units[end + 1]!.joined && !startsName(units, end + 1, names)) end++;
    groups.push({ phrases: [{ units: units.slice(i, end + 1) }], term: null, typed: textOf(i, end) });
    i = end + 1;
  }
  return groups;
}

/**
 * Whether the query names a glossary term at `at`: word for word, not as a prefix ("BatchNorm2d" is a layer,
 * not the term batch normalization), and Chinese character for character.
 */
const namedAt = (units: Unit[], at: number, name: GlossaryName) =>
  name.units.every((want, k) => {
    const unit = units[at + k];
    return unit !== undefined && unit.text === want.text && unit.cjk === want.cjk && (k === 0 || !want.cjk || unit.joined === want.joined);
  });
const startsName = (units: Unit[], at: number, names: GlossaryName[]) => names.some((name) => namedAt(units, at, name));

function engineGroups(groups: Group[]): QueryGroups {
  return groups.map((group) => {
    const unique = new Map(group.phrases.map((phrase) => phraseTokens(phrase.units)).map((tokens) => [JSON.stringify(tokens), tokens]));
    return [...unique.values()].filter((tokens) => tokens.length > 0);
  });
}

// ---- ranking and marking -------------------------------------------------------------------------------

type Field = { lang: Language; runs: Run[]; readonly units: Unit[]; readonly index: UnitIndex };
type Analysed = { question: Record<Language, Field>; answer: Record<Language, Field>; more: Field[] };

// Units of a card's text, per version of the card: the deck is small, and this saves most of a query's work.
const analysed = new Map<string, Analysed>();
function analyse(card: IndexedCard): Analysed {
  let result = analysed.get(card.version);
  if (!result) {
    // Units are counted when first asked for: a listing without words never needs them.
    const field = (lang: Language, runs: Run[]): Field => {
      let units: Unit[] | null = null;
      let index: UnitIndex | null = null;
      return {
        lang,
        runs,
        get units() {
          return (units ??= fieldUnits(runs));
        },
        get index() {
          return (index ??= unitIndex(this.units));
        },
      };
    };
    result = {
      question: { en: field("en", card.text.en.question), zh: field("zh", card.text.zh.question) },
      answer: { en: field("en", card.text.en.answer), zh: field("zh", card.text.zh.answer) },
      more: LANGUAGES.flatMap((lang) => card.text[lang].more.map((runs) => field(lang, runs))),
    };
    if (analysed.size > 2_000) analysed.clear();
    analysed.set(card.version, result);
  }
  return result;
}

/** A field with where each group matched in it (unit ranges, one list per group). */
type Matched = { field: Field; byGroup: [number, number][][] };
/** A card's fields, each scanned once for the whole query. */
type CardMatches = { question: Matched[]; answer: Matched[]; more: Matched[] };

function matchCard(groups: Group[], text: Analysed): CardMatches {
  const scan = (field: Field): Matched => ({
    field,
    byGroup: groups.map((group) => group.phrases.flatMap((phrase) => phraseMatches(phrase.units, field.units, field.index))),
  });
  return {
    question: LANGUAGES.map((lang) => scan(text.question[lang])),
    answer: LANGUAGES.map((lang) => scan(text.answer[lang])),
    more: text.more.map(scan),
  };
}

const allMatches = (matched: Matched) => matched.byGroup.flat();

/** Whether the groups match one right after another, as the learner wrote them: the query as a phrase. */
function wholePhrase({ byGroup }: Matched): boolean {
  let next = new Set(byGroup[0]!.map(([, end]) => end + 1));
  for (const matches of byGroup.slice(1)) {
    next = new Set(matches.filter(([start]) => next.has(start)).map(([, end]) => end + 1));
    if (next.size === 0) return false;
  }
  return next.size > 0;
}

const everyGroup = ({ byGroup }: Matched) => byGroup.every((matches) => matches.length > 0);

/**
 * What comes first: the query as a phrase in the question, then as a phrase anywhere, then all its words in
 * the question, then the rest.
 */
function tierOf(card: CardMatches): number {
  if (card.question.some(wholePhrase)) return 3;
  if ([...card.answer, ...card.more].some(wholePhrase)) return 2;
  if (card.question.some(everyGroup)) return 1;
  return 0;
}

// BM25F (Robertson & Zaragoza 2009, "The Probabilistic Relevance Framework: BM25 and Beyond", §3.4): term
// frequencies weighted by field and normalised by the field's length, then saturated, times the rarity (idf)
// of each group over the whole deck. The usual constants.
const K1 = 1.2;
const B = 0.75;
const FIELD_WEIGHT = { question: 2.5, answer: 1, more: 0.5 } as const;
const FIELD_NAMES = Object.keys(FIELD_WEIGHT) as (keyof typeof FIELD_WEIGHT)[];

/**
 * One relevance score for the matched cards whatever the engine: both engines find the same cards, but
 * bm25 and ts_rank_cd order them differently (ts_rank_cd knows no idf), so the order within a tier is
 * computed here, the same on both.
 */
function relevance(groupCount: number, frequencies: number[], total: number, cards: CardMatches[]): number[] {
  const length = (fields: Matched[]) => fields.reduce((sum, matched) => sum + matched.field.units.length, 0);
  const average = Object.fromEntries(
    FIELD_NAMES.map((name) => [name, Math.max(1, cards.reduce((sum, card) => sum + length(card[name]), 0) / Math.max(1, cards.length))]),
  );
  return cards.map((card) => {
    let score = 0;
    for (let group = 0; group < groupCount; group++) {
      const df = frequencies[group] ?? 0;
      const idf = Math.log(1 + (total - df + 0.5) / (df + 0.5));
      let tf = 0;
      for (const name of FIELD_NAMES) {
        // Two names of a term matching at one place ("running var", "running variance") count once.
        const places = card[name].reduce((sum, matched) => sum + new Set(matched.byGroup[group]!.map(([start]) => start)).size, 0);
        tf += (FIELD_WEIGHT[name] * places) / (1 - B + (B * length(card[name])) / average[name]!);
      }
      score += (idf * tf) / (K1 + tf);
    }
    return score;
  });
}

/**
 * Marks the units of the matches in a field's runs: whole formulas, and text from a match's first unit to its
 * last. Formulas stay TeX here (see rendered): only those an excerpt keeps are worth KaTeX's time.
 */
function highlight(field: Field, matches: [number, number][]): { segments: Segment[]; first: number | null } {
  const marked = field.runs.map(() => [] as [number, number][]);
  for (const [from, to] of matches) {
    for (let k = from; k <= to; k++) {
      const unit = field.units[k]!;
      const next = field.units[k + 1];
      // The match runs on over what separates its units within a run ("running_var" is marked whole).
      const end = k < to && next && next.run === unit.run && !unit.math ? next.start : unit.end;
      marked[unit.run]!.push([unit.start, end]);
    }
  }
  const segments: Segment[] = [];
  let offset = 0;
  let first: number | null = null;
  field.runs.forEach((run, index) => {
    const ranges = marked[index]!;
    if ("tex" in run) {
      if (ranges.length > 0) first ??= offset;
      segments.push({ math: run.tex, mark: ranges.length > 0 });
      offset += mathWidth(run.tex);
      return;
    }
    ranges.sort((a, b) => a[0] - b[0]);
    let at = 0;
    for (const [start, end] of ranges) {
      if (end <= at) continue;
      if (start > at) segments.push({ text: run.text.slice(at, start), mark: false });
      first ??= offset + Math.max(start, at);
      segments.push({ text: run.text.slice(Math.max(start, at), end), mark: true });
      at = end;
    }
    if (at < run.text.length) segments.push({ text: run.text.slice(at), mark: false });
    offset += run.text.length;
  });
  return { segments: mergeSegments(segments), first };
}

function mergeSegments(segments: Segment[]): Segment[] {
  const merged: Segment[] = [];
  for (const segment of segments) {
    const last = merged.at(-1);
    if (last && "text" in last && "text" in segment && last.mark === segment.mark) last.text += segment.text;
    else merged.push({ ...segment });
  }
  return merged;
}

// How much of a long answer an excerpt shows, in characters (a formula counts about as wide as its TeX), and
// how much of it comes before the first match.
const SNIPPET_LENGTH = 220;
const SNIPPET_LEAD = 60;
const mathWidth = (tex: string) => Math.min(Math.max(4, Math.round(tex.length * 0.6)), 80);

/** The part of the segments around `first`, cut at spaces where one is near. */
function excerpt(segments: Segment[], first: number, lang: Language): Highlighted {
  const width = (segment: Segment) => ("text" in segment ? segment.text.length : mathWidth(segment.math));
  const total = segments.reduce((sum, segment) => sum + width(segment), 0);
  let start = Math.max(0, Math.min(first - SNIPPET_LEAD, total - SNIPPET_LENGTH));
  let end = Math.min(total, start + SNIPPET_LENGTH);
  const out: Segment[] = [];
  let offset = 0;
  for (const segment of segments) {
    const [from, to] = [offset, offset + width(segment)];
    offset = to;
    if (to <= start || from >= end) continue;
    if (!("text" in segment)) {
      out.push(segment);
      continue;
    }
    let text = segment.text.slice(Math.max(0, start - from), Math.min(segment.text.length, end - from));
    if (from < start && !segment.mark) {
      const space = text.indexOf(" ");
      if (space >= 0 && space < 20) {
        text = text.slice(space + 1);
        start += space + 1;
      }
    }
    if (to > end && !segment.mark) {
      const space = text.lastIndexOf(" ");
      if (space >= 0 && space > text.length - 20) {
        end -= text.length - space;
        text = text.slice(0, space);
      }
    }
    if (text !== "") out.push({ text, mark: segment.mark });
  }
  return { lang, segments: out, clippedStart: start > 0, clippedEnd: end < total };
}

const whole = (lang: Language, segments: Segment[]): Highlighted => ({ lang, segments, clippedStart: false, clippedEnd: false });

/** The excerpt with its formulas rendered to MathML (KaTeX). */
const rendered = (text: Highlighted): Highlighted => ({
  ...text,
  segments: text.segments.map((segment) => ("math" in segment ? { math: renderMath(segment.math), mark: segment.mark } : segment)),
});

/** A hit as the page shows it: the question marked, and an excerpt of where else the words matched. */
function hitOf(card: IndexedCard, text: Analysed, matches: CardMatches | null, lang: Language): CardHit {
  const other = LANGUAGES.find((candidate) => candidate !== lang)!;
  const byLang = (fields: Matched[], wanted: Language) => fields.filter((matched) => matched.field.lang === wanted);
  const questionMatches = matches ? byLang(matches.question, lang)[0]! : null;
  const question = whole(lang, highlight(text.question[lang], questionMatches ? allMatches(questionMatches) : []).segments);
  let snippet: Highlighted | null = null;
  if (matches) {
    // Where the words matched outside the question: the page's language first, then the other one.
    const rest = [...matches.answer, ...matches.more];
    const places = [...byLang(rest, lang), ...byLang(matches.question, other), ...byLang(rest, other)];
    const place = places.find((matched) => allMatches(matched).length > 0);
    if (place) {
      const { segments, first } = highlight(place.field, allMatches(place));
      snippet = excerpt(segments, first ?? 0, place.field.lang);
    }
  }
  return { id: card.id, topic: card.topic, difficulty: card.difficulty, debated: card.debated, question: rendered(question), snippet: snippet && rendered(snippet) };
}

// ---- suggestions ---------------------------------------------------------------------------------------

/** Character pairs of a text without its spaces (single Chinese characters count too: most terms are two). */
function pairs(text: string): string[] {
  const compact = nameKey(text).replace(/ /g, "");
  const chars = [...compact];
  return [...chars.slice(0, -1).map((char, index) => char + chars[index + 1]), ...chars.filter((char) => /\p{Script=Han}/u.test(char))];
}

/** How alike two texts are, 0 to 1 (Dice's coefficient over character pairs), with a bonus for a whole shared word. */
function likeness(query: string, name: string): number {
  const a = pairs(query);
  const b = pairs(name);
  if (a.length === 0 || b.length === 0) return 0;
  const left = [...b];
  let shared = 0;
  for (const pair of a) {
    const at = left.indexOf(pair);
    if (at >= 0) {
      shared++;
      left.splice(at, 1);
    }
  }
  const words = new Set(nameKey(name).split(" ").filter((word) => word.length >= 3));
  const sharesWord = nameKey(query)
    .split(" ")
    .some((word) => words.has(word));
  return (2 * shared) / (a.length + b.length) + (sharesWord ? 0.3 : 0);
}

const SUGGESTIONS = 3;

/** Glossary terms close to a query that matched nothing, best first, each one that does find cards. */
function* suggest(d: Dialect, q: string, glossary: SearchGlossary, lang: Language): Op<string[]> {
  const scored = glossary.terms
    .map((term) => ({ term, score: Math.max(...term.names.map((name) => likeness(q, name))) }))
    .filter((candidate) => candidate.score >= 0.45)
    .sort((a, b) => b.score - a.score);
  const found: string[] = [];
  for (const { term } of scored) {
    if (found.length === SUGGESTIONS) break;
    const groups: Group[] = [{ phrases: glossary.phrasesOf.get(term)!, term, typed: term[lang] }];
    const { cards } = yield* searchIndex(d, engineGroups(groups), {});
    if (cards.length > 0) found.push(term[lang]);
  }
  return found;
}

// ---- the search ----------------------------------------------------------------------------------------

/**
 * The deck as /cards lists it: without words, every active card in study order; with words, the cards that
 * contain all of them (a glossary term by any of its names, in either language), best first, marked, at most
 * `limit` of them.
 */
export async function searchCards(filter: CardFilter, lang: Language, { limit = Infinity } = {}): Promise<CardSearch> {
  const where: SearchFilter = { topic: filter.topic, difficulty: filter.difficulty };
  if (filter.q === "") {
    const cards = await readSql((d) => listIndex(d, where));
    return { cards: cards.map((card) => hitOf(card, analyse(card), null, lang)), total: cards.length, partial: false, didYouMean: [], suggestions: [] };
  }
  // One snapshot of the database for the glossary, the search and the suggestions.
  const { groups, found, partial, suggestions } = await readSql(function* (d) {
    const glossary = compileGlossary(yield* readGlossary());
    const groups = parseQuery(filter.q, glossary);
    const query = engineGroups(groups);
    let found: SearchFound = yield* searchIndex(d, query, where);
    // No card has every word: the cards with some of them are still better than nothing.
    const partial = found.cards.length === 0 && groups.length > 1;
    if (partial) found = yield* searchIndex(d, query, where, { any: true });
    const suggestions = found.cards.length === 0 || partial ? yield* suggest(d, filter.q, glossary, lang) : [];
    return { groups, found, partial, suggestions };
  });
  const texts = found.cards.map(analyse);
  const matches = texts.map((text) => matchCard(groups, text));
  const scores = relevance(groups.length, found.frequencies, found.total, matches);
  // Then the engine's own rank (found.cards' order) for what is still tied.
  const ranked = found.cards
    .map((card, order) => ({ card, order, text: texts[order]!, matches: matches[order]!, tier: tierOf(matches[order]!), score: scores[order]! }))
    .sort((a, b) => b.tier - a.tier || b.score - a.score || a.order - b.order);
  const didYouMean = groups
    .filter((group) => group.term && nameKey(group.typed) !== nameKey(group.term[lang]))
    .map((group) => ({ typed: group.typed, term: group.term![lang] }));
  return {
    cards: ranked.slice(0, limit).map((entry) => hitOf(entry.card, entry.text, entry.matches, lang)),
    total: ranked.length,
    partial,
    didYouMean,
    suggestions,
  };
}

