import type { RootContent } from "mdast";

/*
 * A card's text as search reads it, and the one tokenizer that the index, the query and the highlighting share,
 * so that what an engine matches is exactly what the page marks.
 *
 * Words are runs of letters and digits, lower-cased after NFKC (full-width forms fold to ASCII); anything else
 * separates them, so `running_var`, `running var` and `running-var` are the same two words. Chinese has no
 * spaces, so each Han character is a unit of its own, and the index stores overlapping pairs of neighbouring
 * characters (滑动平均 → 滑动 动平 平均 均): a Chinese word of any length is then a phrase of pairs, and two
 * characters, the length of most Chinese terms (方差, 动量, 通道), match as one token. SQLite's trigram
 * tokenizer would miss those two-character words and `BN` alike; PostgreSQL has no Chinese parser at all.
 * Both engines are fed these tokens ready-made, so they index, match and phrase-match the same way.
 */

/** Text with its formulas kept apart: text runs are shown (and marked), math runs are TeX rendered by KaTeX. */
export type Run = { text: string } | { tex: string };

/** One language's side of a card as search indexes and shows it. */
export type SearchText = {
  question: Run[];
  answer: Run[];
  /** the wrong answer, each key point, each mcq option and why it is wrong: the other text a match may be in */
  more: Run[][];
};

/** A word (lower-cased) or a single CJK character, with where it stands in its run's text. */
export type Unit = {
  text: string;
  /** the run of a field it comes from (0 for plain text) */
  run: number;
  start: number;
  end: number;
  cjk: boolean;
  /** a CJK character that directly follows another one: the two belong to one unbroken run of Chinese */
  joined: boolean;
  /** a unit from a formula: the whole formula is marked when it matches */
  math: boolean;
};

// Longer "words" (a hash, a long URL) are cut: PostgreSQL refuses lexemes over 2 KB, and nobody types them.
const MAX_WORD = 60;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /^[\p{L}\p{N}]+$/u;
const MARKS = /\p{M}/gu;
const ASCII_WORD = /[A-Za-z0-9]/;

/** Splits text into units; offsets point into `text` as given. */
export function unitsOf(text: string, run = 0, math = false): Unit[] {
  const units: Unit[] = [];
  let word: Unit | null = null;
  let offset = 0;
  for (const char of text) {
    const start = offset;
    offset += char.length;
    const code = char.charCodeAt(0);
    const folded = code < 128 ? (ASCII_WORD.test(char) ? char.toLowerCase() : " ") : char.normalize("NFKC").toLowerCase().replace(MARKS, "");
    if (folded.length === 1 && CJK.test(folded)) {
      const previous = units.at(-1);
      units.push({ text: folded, run, start, end: offset, cjk: true, joined: previous?.cjk === true && previous.end === start, math });
      word = null;
    } else if (folded !== "" && WORD.test(folded) && !CJK.test(folded)) {
      if (word && word.end === start) {
        if (word.text.length < MAX_WORD) word.text = (word.text + folded).slice(0, MAX_WORD);
        word.end = offset;
      } else {
        word = { text: folded.slice(0, MAX_WORD), run, start, end: offset, cjk: false, joined: false, math };
        units.push(word);
      }
    } else if (folded === "" && word && word.end === start) {
      word.end = offset; // a combining mark belongs to the letter before it
    } else {
      word = null;
    }
  }
  return units;
}

const GREEK = new Set(
  "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi rho sigma tau upsilon phi varphi chi psi omega".split(" "),
);

/** The searchable words of a formula: Greek letters by name, the letters and numbers; layout commands dropped. */
export function texWords(tex: string): string {
  return tex.replace(/\\([a-zA-Z]+)/g, (_, name: string) => (GREEK.has(name.toLowerCase()) ? ` ${name} ` : " "));
}

/** The units of a field: its text runs and formulas in order, each unit knowing its run. */
export function fieldUnits(runs: readonly Run[]): Unit[] {
  return runs.flatMap((run, index) => ("text" in run ? unitsOf(run.text, index) : unitsOf(texWords(run.tex), index, true)));
}

/**
 * The index tokens of a field, one per unit (so a token's position is its unit's): a word as it is, a CJK
 * character paired with the next one of its run, and the last character of a run alone.
 */
export function indexTokens(units: readonly Unit[]): string[] {
  return units.map((unit, index) => {
    const next = units[index + 1];
    return unit.cjk && next?.cjk && next.joined ? unit.text + next.text : unit.text;
  });
}

/** How search compares names: their words and characters, so "running_var" and "Running var" are one name. */
export const nameKey = (name: string) =>
  unitsOf(name)
    .map((unit) => unit.text)
    .join(" ");

/** A token of a query phrase; `prefix` matches every token that starts with it. */
export type QueryToken = { token: string; prefix: boolean };

/**
 * A phrase of the query as index tokens, consecutive: the words, and Chinese as character pairs. A phrase
 * ending in a word of three letters or more matches it as a prefix (typing "normaliz" finds "normalization",
 * "mini-batch" finds "mini-batches"). A run of Chinese that ends the phrase matches anywhere inside a longer
 * run; one that another word follows must end there, as in the text; a single character ending the phrase
 * matches every pair it starts.
 */
export function phraseTokens(units: readonly Unit[]): QueryToken[] {
  const tokens: QueryToken[] = [];
  units.forEach((unit, index) => {
    const next = units[index + 1];
    const last = index === units.length - 1;
    if (!unit.cjk) tokens.push({ token: unit.text, prefix: last && unit.text.length >= 3 });
    else if (next?.cjk && next.joined) tokens.push({ token: unit.text + next.text, prefix: false });
    else if (!last) tokens.push({ token: unit.text, prefix: false });
    else if (index === 0 || !unit.joined) tokens.push({ token: unit.text, prefix: true });
  });
  return tokens;
}

/** Where each unit text stands in a field (and its texts sorted), so a phrase is tried only where it can start. */
export type UnitIndex = { positions: Map<string, number[]>; texts: string[] };

export function unitIndex(units: readonly Unit[]): UnitIndex {
  const positions = new Map<string, number[]>();
  units.forEach((unit, at) => {
    const list = positions.get(unit.text);
    if (list) list.push(at);
    else positions.set(unit.text, [at]);
  });
  return { positions, texts: [...positions.keys()].sort() };
}

/** The places where a unit text starting with `prefix` stands, in order. */
function prefixPositions({ positions, texts }: UnitIndex, prefix: string): number[] {
  let low = 0;
  let high = texts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (texts[middle]! < prefix) low = middle + 1;
    else high = middle;
  }
  const found: number[] = [];
  for (let i = low; i < texts.length && texts[i]!.startsWith(prefix); i++) found.push(...positions.get(texts[i]!)!);
  return found.sort((a, b) => a - b);
}

/** Whether a phrase's last unit matches as a prefix (a word of three letters or more: see phraseTokens). */
const endsInPrefix = (phrase: readonly Unit[]) => {
  const last = phrase[phrase.length - 1]!;
  return !last.cjk && last.text.length >= 3;
};

function matchesAt(phrase: readonly Unit[], units: readonly Unit[], at: number, prefix: boolean): boolean {
  if (at + phrase.length > units.length) return false;
  for (let k = 0; k < phrase.length; k++) {
    const want = phrase[k]!;
    const unit = units[at + k]!;
    if (want.cjk !== unit.cjk) return false;
    if (!want.cjk) {
      if (prefix && k === phrase.length - 1 ? !unit.text.startsWith(want.text) : unit.text !== want.text) return false;
    } else if (unit.text !== want.text || (k > 0 && phrase[k - 1]!.cjk && want.joined !== unit.joined)) return false;
  }
  return true;
}

/**
 * Where a phrase (query units) matches a field's units, as [first, last] unit indexes: the same rules as
 * phraseTokens, applied to units, so the page marks what the engine matched. With the field's index, only the
 * places its first unit allows are tried.
 */
export function phraseMatches(phrase: readonly Unit[], units: readonly Unit[], index?: UnitIndex): [number, number][] {
  const matches: [number, number][] = [];
  if (phrase.length === 0) return matches;
  const prefix = endsInPrefix(phrase);
  if (!index) {
    for (let at = 0; at < units.length; at++) if (matchesAt(phrase, units, at, prefix)) matches.push([at, at + phrase.length - 1]);
    return matches;
  }
  const starts = prefix && phrase.length === 1 ? prefixPositions(index, phrase[0]!.text) : (index.positions.get(phrase[0]!.text) ?? []);
  for (const at of starts) if (matchesAt(phrase, units, at, prefix)) matches.push([at, at + phrase.length - 1]);
  return matches;
}

// ---- text runs from Markdown ---------------------------------------------------------------------------

const BLOCKS = new Set(["paragraph", "heading", "list", "listItem", "table", "tableRow", "tableCell", "blockquote", "code", "thematicBreak", "break"]);

/** A section's Markdown (mdast) as runs: text as a reader sees it, formulas as TeX; raw HTML dropped. */
export function runsOf(nodes: readonly RootContent[]): Run[] {
  const runs: Run[] = [];
  const text = (value: string) => {
    const last = runs.at(-1);
    if (last && "text" in last) last.text += value;
    else runs.push({ text: value });
  };
  const walk = (node: RootContent) => {
    if (node.type === "html") return;
    if (node.type === "inlineMath" || node.type === "math") {
      // A displayed formula stands apart from the text around it.
      if (node.type === "math") text(" ");
      runs.push({ tex: node.value });
      if (node.type === "math") text(" ");
      return;
    }
    const block = BLOCKS.has(node.type);
    if (block) text(" ");
    if ("value" in node && typeof node.value === "string") text(node.value);
    if ("children" in node) node.children.forEach((child) => walk(child as RootContent));
    if (block) text(" ");
  };
  nodes.forEach(walk);
  const tidy: Run[] = [];
  for (const run of runs) {
    if ("tex" in run) tidy.push(run);
    else {
      const value = run.text.replace(/\s+/g, " ");
      if (value.trim() !== "") tidy.push({ text: value });
      else if (tidy.length > 0) tidy.push({ text: " " });
    }
  }
  const first = tidy[0];
  if (first && "text" in first) first.text = first.text.trimStart();
  const last = tidy.at(-1);
  if (last && "text" in last) last.text = last.text.trimEnd();
  return tidy.filter((run) => !("text" in run) || run.text !== "");
}
