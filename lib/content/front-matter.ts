import matter from "gray-matter";
import type { z } from "zod";
import { ContentError } from "./errors";

/**
 * A content file's YAML front matter, checked against its schema, and the Markdown after it. Throws a
 * ContentError naming `file` and the first problem: YAML that does not parse, a missing field, a bad value.
 */
export function readFrontMatter<S extends z.ZodType>(file: string, source: string, schema: S): { data: z.output<S>; content: string } {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // gray-matter caches by content; an empty options object turns the cache off so a fixed file re-parses.
    parsed = matter(source, {});
  } catch (error) {
    throw new ContentError(file, `front matter is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  const front = schema.safeParse(parsed.data);
  if (!front.success) {
    const issue = front.error.issues[0]!;
    const field = issue.path.join(".") || "front matter";
    const data = (parsed.data ?? {}) as Record<string, unknown>;
    const missing = issue.path.length === 1 && data[String(issue.path[0])] === undefined;
    throw new ContentError(file, missing ? `missing field "${field}"` : `${field}: ${issue.message}`);
  }
  return { data: front.data, content: parsed.content };
}
