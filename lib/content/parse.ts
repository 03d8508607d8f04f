import { createHash } from "node:crypto";
import matter from "gray-matter";
import type { RootContent } from "mdast";
import { ContentError } from "./errors";
import { parseMarkdown, plainText, renderNodes } from "./render";
import { frontMatterSchema, LANGUAGES, type CardSides, type DeckCard, type Language } from "./schema";

const SECTIONS = {
  Question: "question",
  Answer: "answer",
  "Wrong answer": "wrongAnswer",
  "Key points": "keyPoints",
} as const;
type SectionKey = (typeof SECTIONS)[keyof typeof SECTIONS];
const REQUIRED: SectionKey[] = ["question", "answer", "keyPoints"];
const HEADING = /^(Question|Answer|Wrong answer|Key points) \((en|zh)\)$/;

type Sections = Record<Language, Partial<Record<SectionKey, RootContent[]>>>;

/** Parses and validates one card file. `file` is only used to name the file in errors. */
export function parseCard(file: string, source: string, position = 0): DeckCard {
  const fail = (problem: string): never => {
    throw new ContentError(file, problem);
  };

  let parsed: matter.GrayMatterFile<string>;
  try {
    // gray-matter caches by content; an empty options object turns the cache off so a fixed file re-parses.
    parsed = matter(source, {});
  } catch (error) {
    return fail(`front matter is not valid YAML: ${(error as Error).message}`);
  }
  const front = frontMatterSchema.safeParse(parsed.data);
  if (!front.success) {
    const issue = front.error.issues[0]!;
    const field = issue.path.join(".") || "front matter";
    const data = (parsed.data ?? {}) as Record<string, unknown>;
    const missing = issue.path.length === 1 && data[String(issue.path[0])] === undefined;
    fail(missing ? `missing field "${field}"` : `${field}: ${issue.message}`);
  }
  const meta = front.data!;

  const sections = splitSections(parseMarkdown(parsed.content).children, fail);
  const body = {} as Record<Language, CardSides>;
  const text: string[] = [];
  for (const lang of LANGUAGES) {
    const own = sections[lang];
    const other = sections[lang === "en" ? "zh" : "en"];
    for (const key of REQUIRED) {
      if (!own[key]) fail(`missing language ${lang}: no "${headingFor(key)} (${lang})" section`);
    }
    if (!own.wrongAnswer !== !other.wrongAnswer) {
      fail(`"Wrong answer" must be given in both languages (missing in ${lang})`);
    }
    const render = (key: SectionKey, nodes: RootContent[]) => {
      text.push(plainText(nodes));
      try {
        return renderNodes(nodes);
      } catch (error) {
        return fail(`${headingFor(key)} (${lang}): ${(error as Error).message}`);
      }
    };
    body[lang] = {
      question: render("question", own.question!),
      answer: render("answer", own.answer!),
      wrongAnswer: own.wrongAnswer ? render("wrongAnswer", own.wrongAnswer) : null,
      keyPoints: keyPointItems(own.keyPoints!, lang, fail).map((item) => render("keyPoints", item)),
    };
  }

  return {
    ...meta,
    file,
    position,
    body,
    searchText: text.join("\n").toLowerCase(),
    contentHash: createHash("sha256").update(source).digest("hex"),
  };
}

function splitSections(nodes: RootContent[], fail: (problem: string) => never): Sections {
  const sections: Sections = { en: {}, zh: {} };
  let current: RootContent[] | null = null;
  for (const node of nodes) {
    if (node.type === "heading" && node.depth <= 2) {
      const title = plainText(node.children);
      const match = node.depth === 2 ? HEADING.exec(title) : null;
      if (!match) {
        fail(`unknown section heading "${title}": use "## Question (en)", "## Answer (zh)", "## Wrong answer (en)" or "## Key points (zh)"`);
      }
      const key = SECTIONS[match![1] as keyof typeof SECTIONS];
      const lang = match![2] as Language;
      if (sections[lang][key]) fail(`section "${title}" appears twice`);
      current = sections[lang][key] = [];
    } else if (current) {
      current.push(node);
    } else if (node.type !== "html" || !/^<!--[\s\S]*-->$/.test(node.value.trim())) {
      fail("text before the first section heading");
    }
  }
  for (const lang of LANGUAGES) {
    for (const [key, content] of Object.entries(sections[lang])) {
      if (content.length === 0) fail(`section "${headingFor(key as SectionKey)} (${lang})" is empty`);
    }
  }
  return sections;
}

function keyPointItems(nodes: RootContent[], lang: Language, fail: (problem: string) => never): RootContent[][] {
  const [list, ...rest] = nodes;
  if (!list || list.type !== "list" || rest.length > 0) {
    fail(`"Key points (${lang})" must be a single bulleted list`);
  }
  return (list as Extract<RootContent, { type: "list" }>).children.map((item) => item.children);
}

function headingFor(key: SectionKey): string {
  return Object.entries(SECTIONS).find(([, value]) => value === key)![0];
}
