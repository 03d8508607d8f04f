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
 */
export function Tex({ tex, display = false }: { tex: string; display?: boolean }) {
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

  const html = useMemo(() => renderTex?.(tex, display) ?? null, [renderTex, tex, display]);
  const className = display ? "block overflow-x-auto overflow-y-hidden py-1" : undefined;
  return html === null ? (
    <code ref={placeholder} className={`${className ?? ""} font-mono text-sm text-zinc-600 dark:text-zinc-400`}>
      {tex}
    </code>
  ) : (
    <span className={className} dangerouslySetInnerHTML={{ __html: html }} />
  );
}
