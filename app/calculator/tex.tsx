"use client";

import katex from "katex";
import "katex/dist/katex.min.css";
import { useMemo } from "react";

/** Live formulas: the numbers change as the user types, so KaTeX renders here rather than on the server. */
export function Tex({ tex, display = false }: { tex: string; display?: boolean }) {
  const html = useMemo(() => katex.renderToString(tex, { displayMode: display, throwOnError: false, strict: "ignore" }), [tex, display]);
  return (
    <span
      className={display ? "block overflow-x-auto overflow-y-hidden py-1" : undefined}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
