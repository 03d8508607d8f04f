import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseCheatSheet, type CheatSheet, type CheatSheetFill } from "./cheatsheet";
import { ContentError, DeckError } from "./errors";
import { GLOSSARY_FILE, glossaryProblem, loadGlossary, type GlossaryTerm } from "./glossary";
import { TOPICS, type Topic } from "./schema";

export const CHEATSHEET_DIR = path.join(process.cwd(), "content", "cheatsheets");

export type CheatSheetOptions = { dir?: string; glossaryFile?: string; fill: CheatSheetFill };

/** parseCheatSheet, then the glossary's avoid-lists over the whole file (they only ever match Chinese). */
function checkedCheatSheet(file: string, source: string, fill: CheatSheetFill, glossary: readonly GlossaryTerm[]): CheatSheet {
  const sheet = parseCheatSheet(file, source, { fill });
  const wording = glossaryProblem(source, glossary);
  if (wording) throw new ContentError(file, wording);
  return sheet;
}

/** Reads, fills and checks one topic's cheat sheet. Throws a ContentError naming the file. */
export async function loadCheatSheet(topic: Topic, { dir = CHEATSHEET_DIR, glossaryFile = GLOSSARY_FILE, fill }: CheatSheetOptions): Promise<CheatSheet> {
  const [source, glossary] = await Promise.all([readFile(path.join(dir, `${topic}.md`), "utf8"), loadGlossary(glossaryFile)]);
  return checkedCheatSheet(path.relative(process.cwd(), path.join(dir, `${topic}.md`)), source, fill, glossary);
}

/** Every topic's cheat sheet, checked: one file per topic and nothing else. Throws a DeckError listing every problem. */
export async function loadCheatSheets({ dir = CHEATSHEET_DIR, glossaryFile = GLOSSARY_FILE, fill }: CheatSheetOptions): Promise<CheatSheet[]> {
  const [names, glossary] = await Promise.all([readdir(dir), loadGlossary(glossaryFile)]);
  const files = new Set(names.filter((name) => name.endsWith(".md")));
  const problems: ContentError[] = [];
  const sheets: CheatSheet[] = [];
  const where = (name: string) => path.relative(process.cwd(), path.join(dir, name));
  for (const name of files) {
    if (!(TOPICS as readonly string[]).includes(name.slice(0, -3))) problems.push(new ContentError(where(name), `no topic is called ${name.slice(0, -3)}`));
  }
  for (const topic of TOPICS) {
    const name = `${topic}.md`;
    if (!files.has(name)) {
      problems.push(new ContentError(where(name), `missing: every topic has a cheat sheet`));
      continue;
    }
    try {
      sheets.push(checkedCheatSheet(where(name), await readFile(path.join(dir, name), "utf8"), fill, glossary));
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      problems.push(error);
    }
  }
  if (problems.length > 0) throw new DeckError(problems, path.relative(process.cwd(), dir) || "The cheat sheets");
  return sheets;
}
