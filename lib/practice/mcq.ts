import { mulberry32 } from "@/lib/bn";
import type { McqOption } from "@/lib/content/schema";

/** The options in the order one attempt shows them: a Fisher–Yates shuffle driven by mulberry32(seed). */
export function shuffleOptions<T>(options: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const shuffled = options.slice();
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return shuffled;
}

export function correctIds(options: readonly McqOption[]): string[] {
  return options.filter((option) => option.correct).map((option) => option.id);
}

/** Right only when the chosen set is exactly the correct set (order and repeats do not matter). */
export function gradeMcq(options: readonly McqOption[], chosen: readonly string[]): "right" | "wrong" {
  const picked = new Set(chosen);
  const correct = correctIds(options);
  return picked.size === correct.length && correct.every((id) => picked.has(id)) ? "right" : "wrong";
}
