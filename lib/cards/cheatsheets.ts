import "server-only";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseCheatSheet, type CheatSheet } from "@/lib/content/cheatsheet";
import type { Topic } from "@/lib/content/schema";
import { cheatSheetValue } from "@/lib/practice";
import type { Language } from "@/lib/i18n";

/** A topic's cheat sheet as its page shows it: one language's body, every engine number filled in. */
export type CheatSheetView = { topic: Topic; html: string };

// Filled and rendered once per version of a file (keyed by its content), then served from memory.
const rendered = new Map<string, CheatSheet>();

/**
 * A topic's cheat sheet in one language, read from content/cheatsheets with lib/bn's numbers filled in. The
 * content check (glossary included) validates every sheet before a build; a sheet broken since throws here.
 */
export async function getCheatSheet(topic: Topic, lang: Language): Promise<CheatSheetView> {
  const source = await readFile(path.join(process.cwd(), "content", "cheatsheets", `${topic}.md`), "utf8");
  const key = createHash("sha256").update(source).digest("hex");
  let sheet = rendered.get(key);
  if (!sheet) {
    sheet = parseCheatSheet(`content/cheatsheets/${topic}.md`, source, { fill: cheatSheetValue });
    rendered.set(key, sheet);
  }
  return { topic, html: sheet.html[lang] };
}
