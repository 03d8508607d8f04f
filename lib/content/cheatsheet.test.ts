import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cheatSheetValue } from "@/lib/practice";
import { parseCheatSheet, type CheatSheetFill } from "./cheatsheet";
import { loadCheatSheet, loadCheatSheets } from "./load-cheatsheets";
import { DeckError } from "./errors";
import { TOPICS } from "./schema";

/** A stand-in for lib/practice's filler: knows one reference, refuses the rest. */
const fill: CheatSheetFill = (reference) => {
  if (reference === "pytorch.eps") return "1e-5";
  throw new Error(`unknown placeholder ${reference}`);
};

function sheet({ topic = "train-eval", en = EN, zh = ZH } = {}) {
  return `---\ntopic: ${topic}\n---\n\n## en\n\n${en}\n\n## zh\n\n${zh}\n`;
}
const EN = "### Formulas\n\n$$\ny = \\frac{x - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}}\n$$\n\nPyTorch `eps={{pytorch.eps}}`.";
const ZH = "### 公式\n\n$$\ny = \\frac{x - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}}\n$$\n\nPyTorch `eps={{pytorch.eps}}`。";
const parse = (source: string, file = "content/cheatsheets/train-eval.md") => parseCheatSheet(file, source, { fill });

describe("parseCheatSheet", () => {
  it("fills placeholders through the filler it is given and renders both languages with KaTeX", () => {
    const { topic, html } = parse(sheet());
    expect(topic).toBe("train-eval");
    expect(html.en).toContain("<code>eps=1e-5</code>");
    expect(html.zh).toContain("<code>eps=1e-5</code>");
    expect(html.en).toContain('class="katex-display"');
    // ### in the file is the page's second level, under the page's own h1.
    expect(html.en).toMatch(/^<h2>Formulas<\/h2>/);
    expect(html.zh).toMatch(/^<h2>公式<\/h2>/);
  });

  it.each([
    ["an unknown placeholder", sheet({ en: EN.replace("pytorch.eps", "pytorch.epsilon") }), /en: placeholder \{\{pytorch\.epsilon\}\} cannot be filled: unknown placeholder pytorch\.epsilon/],
    ["a missing language", `---\ntopic: train-eval\n---\n\n## en\n\n${EN}\n`, /missing language zh: no "## zh" section/],
    ["an empty language", sheet({ zh: "" }), /section "## zh" is empty/],
    ["a language twice", `${sheet()}\n## en\n\nmore\n`, /section "## en" appears twice/],
    ["another top-level heading", sheet({ en: `## Notes\n\n${EN}` }), /unknown section heading "Notes": use "## en" and "## zh"/],
    ["text before the first section", sheet().replace("## en", "Hello\n\n## en"), /text before the first section heading/],
    ["math KaTeX cannot parse", sheet({ en: `${EN}\n\n$\\frac{1}{$` }), /en: math KaTeX cannot parse/],
    ["a formula in one language only", sheet({ en: `${EN}\n\n$a > 0$` }), /the formula \$a>0\$ is in en but not in zh/],
    ["a framework default typed by hand", sheet({ en: EN.replace("{{pytorch.eps}}", "1e-5") }), /"1e-5" is a framework default typed by hand; write \{\{pytorch\.eps\}\}/],
    ["Keras's momentum typed by hand", sheet({ zh: `${ZH}\n\nKeras 的 momentum 是 0.99。` }), /"0\.99" is a framework default typed by hand/],
    ["an unknown topic", sheet({ topic: "history" }), /topic: must be one of/],
    ["a topic in another topic's file", sheet({ topic: "backward" }), /topic backward must live in backward\.md/],
  ])("refuses %s, naming the file", (_, source, problem) => {
    expect(() => parse(source)).toThrow(problem);
    expect(() => parse(source)).toThrow(/^content\/cheatsheets\/train-eval\.md: /);
  });

  it("applies the glossary's avoid-lists to the Chinese when a sheet is loaded", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sheets-"));
    writeFileSync(path.join(dir, "train-eval.md"), sheet({ zh: `${ZH}\n\n移动平均。` }));
    await expect(loadCheatSheet("train-eval", { dir, fill })).rejects.toThrow(/train-eval\.md: uses "移动平均".*write "滑动平均"/);
    writeFileSync(path.join(dir, "train-eval.md"), sheet({ zh: `${ZH}\n\n滑动平均。` }));
    await expect(loadCheatSheet("train-eval", { dir, fill })).resolves.toMatchObject({ topic: "train-eval" });
  });
});

describe("loadCheatSheets", () => {
  it("loads one sheet per topic with the engine's numbers, in both languages", async () => {
    const sheets = await loadCheatSheets({ fill: cheatSheetValue });
    expect(sheets.map((s) => s.topic)).toEqual([...TOPICS]);
    for (const { topic, html } of sheets) {
      expect(html.en, topic).toMatch(/<h2>/);
      expect(html.zh, topic).toMatch(/[\u4e00-\u9fff]/);
      expect(html.en + html.zh, topic).not.toMatch(/\{\{\s*(pytorch|keras|params|valuesPerChannel)\b/);
    }
  });

  it("refuses a placeholder the engine does not know, with the engine's reason", () => {
    const source = sheet({ en: EN.replace("pytorch.eps", "pytorch.epsilon"), zh: ZH.replace("pytorch.eps", "pytorch.epsilon") });
    expect(() => parseCheatSheet("content/cheatsheets/train-eval.md", source, { fill: cheatSheetValue })).toThrow(
      /en: placeholder \{\{pytorch\.epsilon\}\} cannot be filled: \{\{pytorch\.epsilon\}\}: unknown pytorch default "epsilon"; known: eps, momentum/,
    );
    expect(parseCheatSheet("content/cheatsheets/train-eval.md", sheet(), { fill: cheatSheetValue }).html.en).toContain("eps=1e-5");
  });

  it("names a missing topic and a file that is no topic's", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sheets-"));
    for (const topic of TOPICS.filter((t) => t !== "backward")) writeFileSync(path.join(dir, `${topic}.md`), sheet({ topic }));
    writeFileSync(path.join(dir, "history.md"), sheet({ topic: "motivation" }));
    const error = await loadCheatSheets({ dir, fill }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeckError);
    expect((error as DeckError).message).toMatch(/history\.md: no topic is called history/);
    expect((error as DeckError).message).toMatch(/backward\.md: missing: every topic has a cheat sheet/);
  });
});
