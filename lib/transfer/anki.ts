import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import type { Element, ElementContent, Root, RootContent } from "hast";
import { LAB_TAG_PREFIX } from "@/lib/content/schema";
import type { StoredCard } from "@/lib/content/stored-card";
import { MESSAGES, type Language } from "@/lib/i18n";
import { inSlices } from "./slices";

type AnkiCard = Pick<StoredCard, "id" | "topic" | "difficulty" | "type" | "tags" | "body" | "spec">;

const hasClass = (node: Element, name: string) => {
  const classes = node.properties.className;
  return Array.isArray(classes) && classes.includes(name);
};

function texOf(node: Element): string {
  let tex = "";
  const walk = (child: ElementContent | RootContent) => {
    if (child.type === "element" && child.tagName === "annotation" && child.properties.encoding === "application/x-tex") {
      tex = child.children.map((text) => (text.type === "text" ? text.value : "")).join("");
    } else if ("children" in child) child.children.forEach(walk);
  };
  walk(node);
  return tex.trim();
}

function replaceMath<T extends Root | Element>(node: T): T {
  node.children = node.children.map((child) => {
    if (child.type !== "element") return child;
    if (hasClass(child, "katex-display")) return { type: "text", value: `\\[${texOf(child)}\\]` };
    if (hasClass(child, "katex")) return { type: "text", value: `\\(${texOf(child)}\\)` };
    return replaceMath(child);
  }) as T["children"];
  return node;
}

/**
 * The stored card HTML with each KaTeX rendering replaced by its TeX source between MathJax's delimiters,
 * \( … \) inline and \[ … \] on its own, which Anki typesets itself. KaTeX keeps the source in the MathML
 * <annotation encoding="application/x-tex">.
 */
export function toAnkiHtml(html: string): string {
  return toHtml(replaceMath(fromHtml(html, { fragment: true })));
}

/** A field of Anki's text import: quoted when it holds a tab, a newline or a quote, quotes doubled. */
function field(value: string): string {
  return /[\t\n\r"]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const tag = (value: string) => value.trim().replace(/\s+/g, "_");

function sides(card: AnkiCard, lang: Language): { front: string; back: string } {
  const labels = MESSAGES[lang].anki;
  const side = card.body[lang];
  const front = [side.question];
  const back: string[] = [];
  const spec = card.spec;
  if (spec?.kind === "mcq") {
    const items = spec.options.map((option) => `<li>${option.html[lang]}</li>`).join("");
    front.push(`<p><strong>${labels.options}</strong></p><ol type="a">${items}</ol>`);
    const correct = spec.options.filter((option) => option.correct).map((option) => `${option.id}) ${option.html[lang]}`);
    back.push(`<p><strong>${labels.correct}:</strong> ${correct.join("; ")}</p>`);
  }
  back.push(side.answer);
  if (spec?.kind === "mcq") {
    const why = spec.options.filter((option) => option.why).map((option) => `<li>${option.id}) ${option.why![lang]}</li>`);
    if (why.length) back.push(`<p><strong>${labels.whyNot}</strong></p><ul>${why.join("")}</ul>`);
  }
  if (spec?.kind === "numeric") back.push(`<p><em>${labels.example}</em></p>`);
  if (side.wrongAnswer) back.push(`<p><strong>${labels.wrongAnswer}</strong></p>${side.wrongAnswer}`);
  if (side.keyPoints.length) back.push(`<p><strong>${labels.keyPoints}</strong></p><ul>${side.keyPoints.map((point) => `<li>${point}</li>`).join("")}</ul>`);
  return { front: toAnkiHtml(front.join("")), back: toAnkiHtml(back.join("")) };
}

/**
 * The active deck as a file Anki's File → Import reads without questions asked: tab-separated, HTML fields,
 * the deck named in the header, a stable GUID per card and language so a re-import updates the notes.
 */
export async function ankiDeck(cards: AnkiCard[], lang: Language): Promise<string> {
  const header = [
    "#separator:tab",
    "#html:true",
    `#deck:${MESSAGES[lang].anki.deck}`,
    "#columns:GUID\tFront\tBack\tTags",
    "#guid column:1",
    "#tags column:4",
  ];
  const rows: string[] = [];
  // Rewriting every card's HTML takes a while: a card at a time, letting other requests run in between.
  await inSlices(cards, (card) => {
    const { front, back } = sides(card, lang);
    const tags = ["bn-interview-prep", `topic::${card.topic}`, `difficulty::${card.difficulty}`, `type::${card.type}`];
    // lab-… tags only link the card to this app's lab page.
    tags.push(...card.tags.filter((cardTag) => !cardTag.startsWith(LAB_TAG_PREFIX)));
    rows.push([`bn-interview-prep:${lang}:${card.id}`, front, back, tags.map(tag).join(" ")].map(field).join("\t"));
  });
  return `${[...header, ...rows].join("\n")}\n`;
}
