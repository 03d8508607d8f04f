import { readFile } from "node:fs/promises";
import path from "node:path";
import { readFrontMatter } from "./front-matter";
import { z } from "zod";
import { ContentError } from "./errors";
import type { SearchTerm } from "./search-index";
import { nameKey } from "./search-text";

export const GLOSSARY_FILE = path.join(process.cwd(), "content", "glossary.md");

const termSchema = z.strictObject({
  en: z.string().min(1),
  zh: z.string().min(1),
  /** variants a card must not use: the deck says `zh` instead */
  avoid: z.array(z.string().min(1)).default([]),
  /** other names for the idea, in either language (abbreviations, class names, other translations): search finds the term by them */
  synonyms: z.array(z.string().min(1)).default([]),
});
const glossarySchema = z.strictObject({ terms: z.array(termSchema).min(1) });

export type GlossaryTerm = z.infer<typeof termSchema>;

export async function loadGlossary(file: string = GLOSSARY_FILE): Promise<GlossaryTerm[]> {
  const { data } = readFrontMatter(path.relative(process.cwd(), file), await readFile(file, "utf8"), glossarySchema);
  const seen = new Map<string, string>();
  for (const term of data.terms) {
    for (const variant of term.avoid) {
      const other = seen.get(variant);
      if (other) throw new ContentError("content/glossary.md", `"${variant}" is listed to avoid twice (${other}, ${term.zh})`);
      seen.set(variant, term.zh);
    }
  }
  const named = new Map<string, string>();
  for (const term of data.terms) {
    for (const name of new Set(searchNames(term).map(nameKey))) {
      const other = named.get(name);
      if (other) throw new ContentError("content/glossary.md", `"${name}" names two terms (${other}, ${term.zh}): search could not tell which is meant`);
      named.set(name, term.zh);
    }
  }
  return data.terms;
}


/** A term's name without what its parentheses explain: "batch normalization (BN)" → "batch normalization". */
const headOf = (text: string) => text.replace(/\s*\([^)]*\)\s*/g, " ").trim();

/**
 * Every name search knows the term by, in both languages: the English and the Chinese term (a pair of two
 * ideas written "a / b" names neither), the variants cards must avoid (a learner may well type them), and the
 * synonyms.
 */
export function searchNames(term: GlossaryTerm): string[] {
  const own = [headOf(term.en), term.zh].filter((name) => !name.includes("/"));
  return [...own, ...term.avoid, ...term.synonyms].filter((name) => nameKey(name) !== "");
}

/** The glossary as search reads it (the deck sync stores it with the cards): English names without their parentheses. */
export const searchTerms = (terms: readonly GlossaryTerm[]): SearchTerm[] =>
  terms.map((term) => ({ en: headOf(term.en), zh: term.zh, names: searchNames(term) }));

/** The first glossary problem in a card's source: a variant the glossary says to avoid, and what to say instead. */
export function glossaryProblem(source: string, glossary: readonly GlossaryTerm[]): string | null {
  for (const term of glossary) {
    const variant = term.avoid.find((candidate) => source.includes(candidate));
    if (variant) return `uses "${variant}", which is not the glossary's term: write "${term.zh}" (${term.en})`;
  }
  return null;
}
