import katex from "katex";
import "katex/dist/katex.min.css";

/** KaTeX and its stylesheet, in a chunk of their own that the calculator loads only when a formula is in view. */
export function renderTex(tex: string, display: boolean): string {
  return katex.renderToString(tex, { displayMode: display, throwOnError: false, strict: "ignore" });
}
