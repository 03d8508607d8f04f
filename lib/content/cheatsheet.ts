import { createHash } from "node:crypto";
import path from "node:path";
import type { RootContent } from "mdast";
import { z } from "zod";
import { ContentError } from "./errors";
import { readFrontMatter } from "./front-matter";
import { claimFormulas } from "./parse";
import { parseMarkdown, plainText, renderNodes } from "./render";
import { TOPICS, type Topic } from "./schema";
import { LANGUAGES, type Language } from "@/lib/i18n";

/*
 * One printable page per topic: content/cheatsheets/<topic>.md, a `topic` in its front matter and a `## en` and a
 * `## zh` section of Markdown with $math$, whose own headings start at ###. Every number the engine knows is a
 * {{placeholder}} that the caller's filler (lib/practice's cheatSheetValue) replaces, so that lib/content does
 * not pull in the engine, as with numeric cards.
 */

/** Replaces one {{reference}} with the engine's value; throws with a message naming what it does not know. */
export type CheatSheetFill = (reference: string) => string;

export type CheatSheet = {
  topic: Topic;
  /** path relative to the project, for error messages */
  file: string;
  /** each language's page body, rendered (KaTeX included) */
  html: Record<Language, string>;
  contentHash: string;
};

const frontMatterSchema = z.strictObject({ topic: z.enum(TOPICS, { error: `must be one of: ${TOPICS.join(", ")}` }) });
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const SECTION = /^(en|zh)$/;

/**
 * Framework defaults as people type them (ε 1e-5 and 1e-3, momentum 0.1, 0.9, 0.99, 0.01): a cheat sheet takes
 * them from the engine through placeholders, so a changed default cannot leave a stale number on a page.
 */
const HAND_TYPED: [RegExp, string][] = [
  [/(?<![\d.])(?:1e-0?5|0\.00001)(?![\d])|10\^\{?-5\}?/, "{{pytorch.eps}}"],
  [/(?<![\d.])(?:1e-0?3|0\.001)(?![\d])|10\^\{?-3\}?/, "{{keras.eps}}"],
  [/(?<![\d.])0\.99(?![\d])/, "{{keras.momentum}} or {{keras.keepWeight}}"],
  [/(?<![\d.])0\.9(?![\d])/, "{{pytorch.keepWeight}}"],
  [/(?<![\d.])0\.01(?![\d])/, "{{keras.batchWeight}}"],
  [/momentum\s*[=:]?\s*0\.1(?![\d])|(?<![\d.])0\.1\s*(?:\\cdot|·|\*|×)/i, "{{pytorch.momentum}}"],
];

/**
 * Parses, fills and renders one cheat sheet. `file` names the file in errors; its name must be the topic. The
 * glossary is checked by the loaders (as for cards), so that a page reading one sheet needs no glossary file.
 */
export function parseCheatSheet(file: string, source: string, { fill }: { fill: CheatSheetFill }): CheatSheet {
  const fail = (problem: string): never => {
    throw new ContentError(file, problem);
  };
  const {
    data: { topic },
    content,
  } = readFrontMatter(file, source, frontMatterSchema);
  if (path.basename(file, ".md") !== topic) fail(`topic ${topic} must live in ${topic}.md`);

  const typed = handTypedDefault(content);
  if (typed) fail(typed);

  const sections = splitLanguages(content, fail);
  const html = {} as Record<Language, string>;
  const formulas = {} as Record<Language, Set<string>>;
  for (const lang of LANGUAGES) {
    const filled = sections[lang].replace(PLACEHOLDER, (_, reference: string) => {
      try {
        return fill(reference);
      } catch (error) {
        return fail(`${lang}: placeholder {{${reference}}} cannot be filled: ${(error as Error).message}`);
      }
    });
    const nodes = parseMarkdown(filled).children;
    formulas[lang] = claimFormulas(nodes);
    try {
      html[lang] = renderNodes(nodes.map(demoteHeading(lang, fail)));
    } catch (error) {
      fail(`${lang}: ${(error as Error).message}`);
    }
  }
  const onlyEn = [...formulas.en].find((formula) => !formulas.zh.has(formula));
  const onlyZh = [...formulas.zh].find((formula) => !formulas.en.has(formula));
  if (onlyEn !== undefined) fail(`the formula $${onlyEn}$ is in en but not in zh; both languages print the same formulas`);
  if (onlyZh !== undefined) fail(`the formula $${onlyZh}$ is in zh but not in en; both languages print the same formulas`);

  return { topic, file, html, contentHash: createHash("sha256").update(source).digest("hex") };
}

function handTypedDefault(content: string): string | null {
  const text = content.replace(PLACEHOLDER, " ");
  for (const [pattern, instead] of HAND_TYPED) {
    const match = pattern.exec(text);
    if (match) return `"${match[0].trim()}" is a framework default typed by hand; write ${instead} so the engine's number is printed`;
  }
  return null;
}

/** The raw Markdown of `## en` and `## zh`, both required, nothing else at the top level. */
function splitLanguages(content: string, fail: (problem: string) => never): Record<Language, string> {
  const found: Partial<Record<Language, { start: number; end: number }>> = {};
  let current: Language | null = null;
  for (const node of parseMarkdown(content).children) {
    const end = node.position!.end.offset!;
    if (node.type === "heading" && node.depth <= 2) {
      const title = plainText(node.children);
      if (node.depth !== 2 || !SECTION.test(title)) fail(`unknown section heading "${title}": use "## en" and "## zh", and ### for headings inside them`);
      current = title as Language;
      if (found[current]) fail(`section "## ${current}" appears twice`);
      found[current] = { start: end, end };
    } else if (current) {
      found[current]!.end = end;
    } else if (node.type !== "html" || !/^<!--[\s\S]*-->$/.test(node.value.trim())) {
      fail("text before the first section heading");
    }
  }
  const sections = {} as Record<Language, string>;
  for (const lang of LANGUAGES) {
    const range = found[lang];
    if (!range) return fail(`missing language ${lang}: no "## ${lang}" section`);
    sections[lang] = content.slice(range.start, range.end).trim();
    if (sections[lang] === "") fail(`section "## ${lang}" is empty`);
  }
  return sections;
}

/** `###` in the file is the page's second level: the page's own title is the h1. */
function demoteHeading(lang: Language, fail: (problem: string) => never) {
  return (node: RootContent): RootContent => {
    if (node.type !== "heading") return node;
    if (node.depth < 3) fail(`${lang}: headings inside a section start at ###`);
    return { ...node, depth: (node.depth - 1) as 2 | 3 | 4 | 5 };
  };
}
