"use client";

import { useEffect, useMemo, useRef, useState } from "react";

type RenderTex = (tex: string, display: boolean) => string;

let loadedRenderTex: RenderTex | null = null;
let loading: Promise<RenderTex> | null = null;
const loadRenderTex = () => (loading ??= import("./render-tex").then((module) => (loadedRenderTex = module.renderTex)));

/**
 * Live formulas: the numbers change as the user types, so KaTeX renders here rather than on the server. KaTeX
 * is about 75 KB of gzip JavaScript: it loads when the first formula comes into view (the working is below the
 * form), and until then the formula shows as its TeX source.
 *
 * `wrap` sets a block formula in display style but typesets it inline, where KaTeX breaks a line after a relation
 * or an operator: a long line of numbers wraps on a phone and its result stays in view; only a part that cannot
 * break (a long root) scrolls, inside the formula's own box.
 */
export function Tex({ tex, display = false, wrap = false }: { tex: string; display?: boolean; wrap?: boolean }) {
  const [renderTex, setRenderTex] = useState<RenderTex | null>(() => loadedRenderTex);
  const placeholder = useRef<HTMLElement>(null);

  useEffect(() => {
    if (renderTex) return;
    let cancelled = false;
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      void loadRenderTex().then((loaded) => {
        if (!cancelled) setRenderTex(() => loaded);
      });
    });
    observer.observe(placeholder.current!);
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, [renderTex]);

  const html = useMemo(() => renderTex?.(wrap ? `\\displaystyle ${tex}` : tex, display && !wrap) ?? null, [renderTex, tex, display, wrap]);
  const className = display || wrap ? "block overflow-x-auto overflow-y-hidden py-1" : undefined;
  return html === null ? (
    <code ref={placeholder} className={`${className ?? ""} font-mono text-sm text-zinc-600 dark:text-zinc-400`}>
      {tex}
    </code>
  ) : (
    <span className={className} dangerouslySetInnerHTML={{ __html: html }} />
  );
}
