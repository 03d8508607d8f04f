import type { Histogram as HistogramData } from "@/lib/calculator/summary";

const WIDTH = 240;
const HEIGHT = 64;

export function Histogram({ histogram, label }: { histogram: HistogramData; label: string }) {
  const tallest = Math.max(1, ...histogram.counts);
  const barWidth = WIDTH / Math.max(1, histogram.counts.length);
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className="h-16 w-full max-w-60 text-accent-500 dark:text-accent-300"
      preserveAspectRatio="none"
    >
      <line x1="0" y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} stroke="currentColor" strokeOpacity="0.4" />
      {histogram.counts.map((count, bin) => {
        const height = (count / tallest) * (HEIGHT - 2);
        return <rect key={bin} x={bin * barWidth + 0.5} y={HEIGHT - height} width={Math.max(0.5, barWidth - 1)} height={height} fill="currentColor" />;
      })}
    </svg>
  );
}
