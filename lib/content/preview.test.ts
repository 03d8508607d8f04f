import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./render";
import { questionPreview } from "./preview";

describe("questionPreview", () => {
  it("keeps the first paragraph with its math as MathML only, and says when the question goes on", () => {
    const html = renderMarkdown("Are $\\gamma$ and `beta` **needed**?\n\n$$\ny = \\gamma \\hat{x} + \\beta\n$$\n\nExplain.");
    expect(html).toContain('class="katex-html"');

    const preview = questionPreview(html);
    expect(preview.more).toBe(true);
    expect(preview.html).toMatch(/^Are <math[^>]*><mrow><mi>γ<\/mi><\/mrow><\/math> and <code>beta<\/code> <strong>needed<\/strong>\?$/);
    expect(preview.html).not.toMatch(/katex|annotation|<span/);
  });

  it("is the whole question when it is one paragraph", () => {
    expect(questionPreview(renderMarkdown("How many parameters does `BatchNorm2d(64)` have?"))).toEqual({
      html: "How many parameters does <code>BatchNorm2d(64)</code> have?",
      more: false,
    });
  });

  it("falls back to the text of a question that opens with something other than a paragraph", () => {
    const preview = questionPreview(renderMarkdown("| a | b |\n|---|---|\n| 1 | 2 |\n\nWhich?"));
    expect(preview.html.replace(/\s+/g, " ").trim()).toBe("a b 1 2");
    expect(preview.more).toBe(true);
  });
});
