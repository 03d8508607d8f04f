import type { RootContent } from "mdast";
import { plainText } from "./render";
import type { Language } from "@/lib/i18n";

/**
 * How long a spoken answer may be: about 30 seconds aloud. English in words (about 150 a minute, so 75 in 30 s);
 * Chinese in characters as Chinese word counts measure them, each Han character one and each run of Latin
 * letters or digits (`BatchNorm2d`, `64`) one, at about 240–300 a minute. Authors aim for 70–90 words and
 * 120–180 characters; the check allows a little either side.
 */
export const SPOKEN_LENGTH: Record<Language, { min: number; max: number; unit: string }> = {
  en: { min: 65, max: 95, unit: "words" },
  zh: { min: 110, max: 190, unit: "characters" },
};

const HAN = /\p{Script=Han}/gu;
const LATIN_RUN = /[A-Za-z0-9]+(?:[._'’-][A-Za-z0-9]+)*/g;

/** The length of a spoken answer's text in its language's unit (see SPOKEN_LENGTH). */
export function spokenLength(text: string, lang: Language): number {
  if (lang === "en") return text.split(/\s+/).filter((token) => /[A-Za-z0-9]/.test(token)).length;
  return (text.match(HAN)?.length ?? 0) + (text.match(LATIN_RUN)?.length ?? 0);
}

/** Node types that cannot be read aloud as they are written. */
const UNSPEAKABLE: Record<string, string> = {
  inlineMath: "a formula",
  math: "a formula",
  code: "a code block",
  table: "a table",
  list: "a list",
  heading: "a heading",
  image: "an image",
  thematicBreak: "a rule",
};

/**
 * What is wrong with a "Spoken" section, or null: it is prose to say aloud, so plain paragraphs (inline code
 * for a name such as `model.eval()` is fine, a formula is said in words), no {{placeholders}} (a numeric card
 * explains the method, not one draw's numbers), and about 30 seconds long.
 */
export function spokenProblem(nodes: readonly RootContent[], markdown: string, lang: Language): string | null {
  const where = `Spoken (${lang})`;
  if (markdown.includes("{{")) return `${where}: no {{placeholders}}; explain the method, not one draw's numbers`;
  let found: string | null = null;
  const walk = (node: RootContent) => {
    if (found) return;
    if (node.type in UNSPEAKABLE) found = UNSPEAKABLE[node.type]!;
    else if ("children" in node) node.children.forEach((child) => walk(child as RootContent));
  };
  nodes.forEach(walk);
  if (nodes.some((node) => node.type !== "paragraph" && !(node.type in UNSPEAKABLE))) found ??= "something other than paragraphs";
  if (found) return `${where}: contains ${found}; a spoken answer is paragraphs of prose that say every formula in words`;
  const length = spokenLength(plainText(nodes), lang);
  const { min, max, unit } = SPOKEN_LENGTH[lang];
  if (length < min || length > max) return `${where}: ${length} ${unit}; about 30 seconds aloud is ${min}–${max} ${unit}`;
  return null;
}
