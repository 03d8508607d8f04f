import katex from "katex";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkCjkFriendly from "remark-cjk-friendly";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkRehype from "remark-rehype";
import rehypeKatex from "rehype-katex";
import rehypeStringify from "rehype-stringify";
import { VFile } from "vfile";
import type { Root, RootContent } from "mdast";
import type { Nodes } from "hast";
import { fromHtml } from "hast-util-from-html";

// CommonMark does not close `**` when the character inside it is CJK punctuation and the one outside a letter
// ("**层归一化计算什么。**对…" would show its asterisks); remark-cjk-friendly relaxes that rule for CJK text.
const markdown = unified().use(remarkParse).use(remarkGfm).use(remarkCjkFriendly).use(remarkMath);

// remark-rehype drops raw HTML by default, so a card can never inject markup; KaTeX runs here, on the server,
// so no math JavaScript reaches the browser.
const toHtml = unified().use(remarkRehype).use(rehypeKatex, { strict: "error" }).use(rehypeStringify);

export function parseMarkdown(text: string): Root {
  return markdown.runSync(markdown.parse(text)) as Root;
}

/** Renders mdast nodes to HTML; throws with KaTeX's own message when a formula does not parse. */
export function renderNodes(nodes: RootContent[]): string {
  const file = new VFile();
  const hast = toHtml.runSync({ type: "root", children: nodes }, file) as Parameters<typeof toHtml.stringify>[0];
  // rehype-katex reports a bad formula as a message on the file and renders it in red instead of throwing.
  const mathError = file.messages.find((m) => m.source === "rehype-katex");
  if (mathError) throw new Error(`math KaTeX cannot parse: ${mathError.reason}`);
  return toHtml.stringify(hast, file);
}

export function plainText(nodes: readonly RootContent[]): string {
  const parts: string[] = [];
  const walk = (node: RootContent) => {
    if ("value" in node && typeof node.value === "string") parts.push(node.value);
    if ("children" in node) node.children.forEach((child) => walk(child as RootContent));
  };
  nodes.forEach(walk);
  return parts.join(" ").replace(/\s+/g, " ").trim();
}

/** The text a learner sees in rendered HTML: KaTeX's hidden MathML copy is left out. */
export function visibleText(html: string): string {
  const parts: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === "text") parts.push(node.value);
    if (node.type === "element") {
      const className = node.properties.className;
      if (Array.isArray(className) && className.includes("katex-mathml")) return;
    }
    if ("children" in node) node.children.forEach((child) => walk(child as Nodes));
  };
  walk(fromHtml(html, { fragment: true }));
  return parts.join("").replace(/\s+/g, " ").trim();
}

/** Markdown text → HTML, on the server (KaTeX included). */
export function renderMarkdown(text: string): string {
  return renderNodes(parseMarkdown(text).children);
}

/**
 * One paragraph of Markdown → inline HTML without the wrapping <p>, for text that sits inside a label or a
 * list item (mcq options and their explanations). Throws when the text is more than one paragraph.
 */
export function renderInline(text: string): string {
  const nodes = parseMarkdown(text).children;
  const [paragraph, ...rest] = nodes;
  if (!paragraph || paragraph.type !== "paragraph" || rest.length > 0) throw new Error("must be a single paragraph of text");
  return renderNodes(paragraph.children);
}

// Search results show formulas from the index's TeX; the deck repeats formulas, and they never change.
const renderedMath = new Map<string, string>();

/**
 * One formula as inline MathML, which the browser draws itself: lists of search results stay light and need
 * neither KaTeX's stylesheet nor its fonts (every formula of the deck already passed KaTeX when it was synced).
 */
export function renderMath(tex: string): string {
  let html = renderedMath.get(tex);
  if (html === undefined) {
    html = katex.renderToString(tex, { output: "mathml", throwOnError: false, strict: "ignore" });
    if (renderedMath.size >= 10_000) renderedMath.clear();
    renderedMath.set(tex, html);
  }
  return html;
}
