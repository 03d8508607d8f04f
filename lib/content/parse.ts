import { createHash } from "node:crypto";
import katex from "katex";
import type { RootContent } from "mdast";
import { ContentError } from "./errors";
import { readFrontMatter } from "./front-matter";
import { runsOf, type Run, type SearchText } from "./search-text";
import { parseMarkdown, plainText, renderInline, renderNodes } from "./render";
import { spokenProblem } from "./spoken";
import { CORE_TAG, DEBATED_TAG, DEFAULT_TOLERANCE, LAB_TAG_PREFIX, labTag, frontMatterSchema, optionId, type CardSides, type CardSpec, type CardType, type DeckCard, type FrontMatter, type McqOption, type NumericCheck, type NumericTemplate } from "./schema";
import { LANGUAGES, type Language } from "@/lib/i18n";

/**
 * What a stored card holds depends on this parser and its renderer as well as on the source: a KaTeX upgrade
 * renames its classes, a new derived tag (core, debated) changes the tags. Both are part of a card's hash, so the
 * sync rewrites stored cards when either changes. Bump the parser's number when its output changes.
 */
export const RENDERER = `parser 2; katex ${katex.version}`;

const SECTIONS = {
  Question: "question",
  Answer: "answer",
  "Wrong answer": "wrongAnswer",
  "Key points": "keyPoints",
  Spoken: "spoken",
} as const;
type SectionKey = (typeof SECTIONS)[keyof typeof SECTIONS];
const HEADING = /^(Question|Answer|Wrong answer|Key points|Spoken) \((en|zh)\)$/;

/**
 * Key points are what a learner grades a free answer against, so only concept cards must have them. Every card
 * says its answer aloud too (a numeric card explains its method), in both languages.
 */
const REQUIRED: Record<CardType, SectionKey[]> = {
  concept: ["question", "answer", "keyPoints", "spoken"],
  mcq: ["question", "answer", "spoken"],
  numeric: ["question", "answer", "spoken"],
};

type Section = { nodes: RootContent[]; markdown: string };
type Sections = Record<Language, Partial<Record<SectionKey, Section>>>;
type Fail = (problem: string) => never;

export type ParseOptions = {
  /**
   * Checks a numeric card's template and fills its preview. lib/practice provides it (the engine computes every
   * numeric answer), so that turning Markdown into cards does not pull in the engine. Without it a numeric card
   * cannot be parsed.
   */
  checkNumeric?: NumericCheck;
  position?: number;
};

/** Parses and validates one card file. `file` is only used to name the file in errors. */
export function parseCard(file: string, source: string, { checkNumeric, position = 0 }: ParseOptions = {}): DeckCard {
  const fail: Fail = (problem) => {
    throw new ContentError(file, problem);
  };

  const { data: meta, content } = readFrontMatter(file, source, frontMatterSchema);
  const reserved = meta.tags.find((tag) => tag.startsWith(LAB_TAG_PREFIX));
  if (reserved) fail(`tags: "${reserved}" is reserved for lab links; write lab: [${reserved.slice(LAB_TAG_PREFIX.length)}]`);
  if (new Set(meta.lab).size !== meta.lab.length) fail("lab: an experiment is listed twice");
  if (meta.debated && meta.sources.length < 2) {
    fail(`debated: true needs at least two sources (a contested explanation cites each side), found ${meta.sources.length}`);
  }

  const sections = splitSections(content, fail);
  for (const lang of LANGUAGES) {
    for (const key of REQUIRED[meta.type]) {
      if (!sections[lang][key]) fail(`missing language ${lang}: no "${headingFor(key)} (${lang})" section`);
    }
  }
  for (const lang of LANGUAGES) {
    for (const key of ["wrongAnswer", "keyPoints"] as const) {
      if (!sections.en[key] !== !sections.zh[key]) {
        fail(`"${headingFor(key)}" must be given in both languages (missing in ${sections[lang][key] ? otherLanguage(lang) : lang})`);
      }
    }
  }

  const searchText: Record<Language, SearchText> = { en: { question: [], answer: [], more: [] }, zh: { question: [], answer: [], more: [] } };
  const render = (where: string, nodes: RootContent[], into: (runs: Run[]) => void) => {
    into(runsOf(nodes));
    try {
      return renderNodes(nodes);
    } catch (error) {
      return fail(`${where}: ${(error as Error).message}`);
    }
  };
  const more = (lang: Language) => (runs: Run[]) => searchText[lang].more.push(runs);
  const staticSides = (lang: Language) => {
    const own = sections[lang];
    const spoken = own.spoken!;
    const problem = spokenProblem(spoken.nodes, spoken.markdown, lang);
    if (problem) fail(problem);
    return {
      wrongAnswer: own.wrongAnswer ? render(`Wrong answer (${lang})`, own.wrongAnswer.nodes, more(lang)) : null,
      keyPoints: own.keyPoints ? keyPointItems(own.keyPoints.nodes, lang, fail).map((item) => render(`Key points (${lang})`, item, more(lang))) : [],
      // Not searchable: it retells the answer, whose words are already in the search text.
      spoken: renderNodes(spoken.nodes),
    };
  };
  const into = (lang: Language, side: "question" | "answer") => (runs: Run[]) => (searchText[lang][side] = runs);

  const body = {} as Record<Language, CardSides>;
  let spec: CardSpec | null = null;
  if (meta.type === "numeric") {
    for (const lang of LANGUAGES) {
      for (const key of ["wrongAnswer", "keyPoints"] as const) {
        if (sections[lang][key]?.markdown.includes("{{")) {
          fail(`${headingFor(key)} (${lang}): {{placeholders}} are only filled in the Question and Answer sections`);
        }
      }
    }
    const template: NumericTemplate = {
      params: Object.entries(meta.params).map(([name, paramSpec]) => ({ name, spec: paramSpec })),
      calculation: meta.calculation,
      tolerance: meta.tolerance ?? DEFAULT_TOLERANCE,
      question: { en: sections.en.question!.markdown, zh: sections.zh.question!.markdown },
      solution: { en: sections.en.answer!.markdown, zh: sections.zh.answer!.markdown },
    };
    if (!checkNumeric) return fail("a numeric card needs the template check of lib/practice to be parsed");
    let preview: ReturnType<NumericCheck>;
    try {
      preview = checkNumeric(template);
    } catch (error) {
      return fail((error as Error).message);
    }
    for (const lang of LANGUAGES) {
      body[lang] = {
        question: render(`Question (${lang})`, parseMarkdown(preview.question[lang]).children, into(lang, "question")),
        answer: render(`Answer (${lang})`, parseMarkdown(preview.solution[lang]).children, into(lang, "answer")),
        ...staticSides(lang),
      };
    }
    spec = { kind: "numeric", template };
  } else {
    for (const lang of LANGUAGES) {
      body[lang] = {
        question: render(`Question (${lang})`, sections[lang].question!.nodes, into(lang, "question")),
        answer: render(`Answer (${lang})`, sections[lang].answer!.nodes, into(lang, "answer")),
        ...staticSides(lang),
      };
    }
    if (meta.type === "mcq") spec = { kind: "mcq", options: mcqOptions(meta, searchText, fail) };
  }

  // After rendering, so a formula KaTeX cannot parse is reported as such first.
  const drift = languageDrift(sections, meta);
  if (drift) fail(drift);
  const stray = strayEmphasis(body, spec);
  if (stray) fail(`${stray}: a literal "**" survives rendering; close the emphasis or put the text in \`code\``);

  const { id, topic, difficulty, priority, type, sources, debated, lab } = meta;
  return {
    id,
    topic,
    difficulty,
    priority,
    type,
    tags: [...new Set([...meta.tags, ...(debated ? [DEBATED_TAG] : []), ...(priority === "core" ? [CORE_TAG] : [])]), ...lab.map(labTag)],
    sources,
    debated,
    lab,
    file,
    position,
    body,
    spec,
    searchText,
    contentHash: createHash("sha256").update(RENDERER).update("\n").update(source).digest("hex"),
  };
}

function mcqOptions(meta: Extract<FrontMatter, { type: "mcq" }>, searchText: Record<Language, SearchText>, fail: Fail): McqOption[] {
  const inline = (where: string, markdown: string, lang: Language) => {
    searchText[lang].more.push(runsOf(parseMarkdown(markdown).children));
    try {
      return renderInline(markdown);
    } catch (error) {
      return fail(`${where}: ${(error as Error).message}`);
    }
  };
  // A radio button is named by its label's text; assistive technology (and axe) do not name it from a formula.
  const worded = (where: string, markdown: string) => {
    if (!/[\p{L}\p{N}]/u.test(markdown.replace(/\$[^$]*\$/g, ""))) fail(`${where}: an option needs words outside its math, or its radio button has no name`);
  };
  return meta.options.map((option, index) => {
    const where = `options.${index}`;
    const why = option.why;
    worded(`${where}.text.en`, option.text.en);
    worded(`${where}.text.zh`, option.text.zh);
    return {
      id: optionId(index),
      correct: option.correct === true,
      html: { en: inline(`${where}.text.en`, option.text.en, "en"), zh: inline(`${where}.text.zh`, option.text.zh, "zh") },
      why: why ? { en: inline(`${where}.why.en`, why.en, "en"), zh: inline(`${where}.why.zh`, why.zh, "zh") } : null,
    };
  });
}

// A formula that states something (a relation or a number), as written; \text{…} is prose and may differ.
const CLAIM = /[=<>]|\\(?:neq|le|ge|leq|geq|approx|propto)\b|\d/;
export function claimFormulas(nodes: readonly RootContent[]): Set<string> {
  const formulas = new Set<string>();
  const walk = (node: RootContent) => {
    if ((node.type === "inlineMath" || node.type === "math") && typeof node.value === "string") {
      const formula = node.value.replace(/\\text\{[^{}]*\}/g, "").replace(/\s+/g, "");
      if (CLAIM.test(formula)) formulas.add(formula);
    }
    if ("children" in node) node.children.forEach((child) => walk(child as RootContent));
  };
  nodes.forEach(walk);
  return formulas;
}

function sectionRefs(nodes: readonly RootContent[]): string[] {
  return [...plainText(nodes).matchAll(/§\s*(\d+(?:\.\d+)*)/g)].map((match) => match[1]!).sort();
}

/**
 * The two languages of a card say the same thing: as many key points, the same formulas that state something
 * where both write formulas (a fix of "for any a" to "a > 0" in one language must reach the other), and the
 * same paper sections cited.
 */
function languageDrift(sections: Sections, meta: FrontMatter): string | null {
  const en = sections.en.keyPoints?.nodes[0];
  const zh = sections.zh.keyPoints?.nodes[0];
  if (en?.type === "list" && zh?.type === "list" && en.children.length !== zh.children.length) {
    return `"Key points" lists ${en.children.length} points in en but ${zh.children.length} in zh: both languages must make the same points`;
  }
  const compare = (where: string, enNodes: readonly RootContent[], zhNodes: readonly RootContent[]) => {
    const a = claimFormulas(enNodes);
    const b = claimFormulas(zhNodes);
    // A side with no formula at all says it in words; compare where both languages write formulas.
    if (a.size === 0 || b.size === 0) return null;
    const onlyEn = [...a].find((formula) => !b.has(formula));
    const onlyZh = [...b].find((formula) => !a.has(formula));
    if (onlyEn !== undefined || onlyZh !== undefined) {
      const [formula, has, lacks] = onlyEn !== undefined ? [onlyEn, "en", "zh"] : [onlyZh!, "zh", "en"];
      return `${where}: the formula $${formula}$ is in ${has} but not in ${lacks}; a correction in one language must reach the other`;
    }
    return null;
  };
  for (const key of Object.values(SECTIONS)) {
    const problem = compare(headingFor(key), sections.en[key]?.nodes ?? [], sections.zh[key]?.nodes ?? []);
    if (problem) return problem;
  }
  if (meta.type === "mcq") {
    for (const [index, option] of meta.options.entries()) {
      for (const part of ["text", "why"] as const) {
        const text = option[part];
        if (!text) continue;
        const problem = compare(`options.${index}.${part}`, parseMarkdown(text.en).children, parseMarkdown(text.zh).children);
        if (problem) return problem;
      }
    }
  }
  const all = (lang: Language) => Object.values(sections[lang]).flatMap((section) => section.nodes);
  const [enRefs, zhRefs] = [sectionRefs(all("en")).join(", "), sectionRefs(all("zh")).join(", ")];
  if (enRefs !== zhRefs) return `the sections cited differ: en cites § ${enRefs || "none"}, zh cites § ${zhRefs || "none"}`;
  return null;
}

/**
 * Where rendered text still shows "**": Markdown emphasis that did not close (code is exempt, `x ** 2` is
 * Python). The first such place, named like a section, or null.
 */
function strayEmphasis(body: Record<Language, CardSides>, spec: CardSpec | null): string | null {
  const shows = (html: string | null) => html !== null && html.replace(/<code[^>]*>[\s\S]*?<\/code>/g, "").includes("**");
  for (const lang of LANGUAGES) {
    const sides = body[lang];
    if (shows(sides.question)) return `Question (${lang})`;
    if (shows(sides.answer)) return `Answer (${lang})`;
    if (shows(sides.wrongAnswer)) return `Wrong answer (${lang})`;
    if (shows(sides.spoken)) return `Spoken (${lang})`;
    if (sides.keyPoints.some(shows)) return `Key points (${lang})`;
    if (spec?.kind === "mcq") {
      const index = spec.options.findIndex((option) => shows(option.html[lang]) || shows(option.why?.[lang] ?? null));
      if (index >= 0) return `options.${index} (${lang})`;
    }
  }
  return null;
}

function splitSections(content: string, fail: Fail): Sections {
  const sections: Sections = { en: {}, zh: {} };
  let current: Section | null = null;
  for (const node of parseMarkdown(content).children) {
    if (node.type === "heading" && node.depth <= 2) {
      const title = plainText(node.children);
      const match = node.depth === 2 ? HEADING.exec(title) : null;
      if (!match) {
        fail(`unknown section heading "${title}": use "## Question (en)", "## Answer (zh)", "## Wrong answer (en)", "## Key points (zh)" or "## Spoken (en)"`);
      }
      const key = SECTIONS[match![1] as keyof typeof SECTIONS];
      const lang = match![2] as Language;
      if (sections[lang][key]) fail(`section "${title}" appears twice`);
      current = sections[lang][key] = { nodes: [], markdown: "" };
    } else if (current) {
      current.nodes.push(node);
    } else if (node.type !== "html" || !/^<!--[\s\S]*-->$/.test(node.value.trim())) {
      fail("text before the first section heading");
    }
  }
  for (const lang of LANGUAGES) {
    for (const [key, section] of Object.entries(sections[lang])) {
      if (section.nodes.length === 0) fail(`section "${headingFor(key as SectionKey)} (${lang})" is empty`);
      // The section's own source text: a numeric card's template is filled and parsed again per question.
      const first = section.nodes[0]!.position!.start.offset!;
      const last = section.nodes.at(-1)!.position!.end.offset!;
      section.markdown = content.slice(first, last);
    }
  }
  return sections;
}

function keyPointItems(nodes: RootContent[], lang: Language, fail: Fail): RootContent[][] {
  const [list, ...rest] = nodes;
  if (!list || list.type !== "list" || rest.length > 0) {
    fail(`"Key points (${lang})" must be a single bulleted list`);
  }
  return (list as Extract<RootContent, { type: "list" }>).children.map((item) => item.children);
}

function headingFor(key: SectionKey): string {
  return Object.entries(SECTIONS).find(([, value]) => value === key)![0];
}

function otherLanguage(lang: Language): Language {
  return lang === "en" ? "zh" : "en";
}
