import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import type { Element, ElementContent } from "hast";

/** The opening of a card's question for a list: inline HTML, and whether the question goes on after it. */
export type QuestionPreview = { html: string; more: boolean };

const hasClass = (node: Element, name: string) => {
  const classes = node.properties.className;
  return Array.isArray(classes) && classes.includes(name);
};

function findMath(node: Element): Element | undefined {
  for (const child of node.children) {
    if (child.type !== "element") continue;
    if (child.tagName === "math") return child;
    const found = findMath(child);
    if (found) return found;
  }
  return undefined;
}

/**
 * KaTeX renders each formula twice, as MathML for screen readers and as dozens of positioned spans (plus
 * KaTeX's stylesheet and fonts) for the eye. The browser draws MathML itself, so a list keeps that half only;
 * the <annotation> with the TeX source goes too.
 */
function mathmlOnly(node: ElementContent): ElementContent {
  if (node.type !== "element") return node;
  if (hasClass(node, "katex") || hasClass(node, "katex-display")) {
    const math = findMath(node);
    if (!math) return node;
    const semantics = math.children.find((child): child is Element => child.type === "element" && child.tagName === "semantics");
    const presentation = semantics?.children.find((child): child is Element => child.type === "element" && child.tagName !== "annotation");
    return { ...math, children: presentation ? [presentation] : math.children };
  }
  return { ...node, children: node.children.map(mathmlOnly) };
}

/**
 * The first paragraph of a card's rendered question, its math as MathML only: a card list stays a few
 * elements per card instead of the full KaTeX rendering of every question. A question that does not open with
 * a paragraph (a table, a formula) is previewed by its text.
 */
export function questionPreview(questionHtml: string): QuestionPreview {
  const blocks = fromHtml(questionHtml, { fragment: true }).children.filter((node): node is Element => node.type === "element");
  const [first, ...rest] = blocks;
  if (!first) return { html: "", more: false };
  const inline = first.tagName === "p" ? first.children : [{ type: "text" as const, value: textOf(first) }];
  return { html: toHtml(inline.map(mathmlOnly)), more: rest.length > 0 };
}

function textOf(node: ElementContent): string {
  if (node.type === "text") return node.value;
  if (node.type !== "element") return "";
  if (node.tagName === "annotation") return "";
  if (node.properties.ariaHidden === "true") return "";
  return node.children.map(textOf).join("");
}
