import type { ReactNode } from "react";

export type StatTile = { label: string; value: ReactNode; testId?: string };

const VARIANTS = {
  /** standalone figures on a page */
  card: { tile: "rounded-xl border border-zinc-200 p-4 dark:border-zinc-800", value: "mt-1 text-3xl font-semibold tabular-nums" },
  /** figures inside a panel that already has a border */
  inset: { tile: "rounded-lg bg-zinc-50 p-3 dark:bg-zinc-900", value: "text-xl font-semibold tabular-nums" },
} as const;

/** A row of labelled figures as a description list, so each value is read with its label. */
export function StatTiles({ tiles, variant = "card", className = "sm:grid-cols-3" }: { tiles: StatTile[]; variant?: keyof typeof VARIANTS; className?: string }) {
  const style = VARIANTS[variant];
  return (
    <dl className={`grid gap-3 ${className}`}>
      {tiles.map((tile) => (
        <div key={tile.label} className={style.tile}>
          <dt className="text-sm text-zinc-600 dark:text-zinc-400">{tile.label}</dt>
          <dd className={style.value} data-testid={tile.testId}>
            {tile.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Seconds as a clock, 1:05. */
export function formatClock(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
