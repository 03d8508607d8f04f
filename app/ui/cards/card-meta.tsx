type DebatedMarker = { cardId: string; label: string; description: string };

/** The marker of a card whose answer rests on a debated explanation, or null. */
export function debatedMarker(card: { id: string; debated: boolean }, labels: { badge: string; badgeLabel: string }): DebatedMarker | null {
  return card.debated ? { cardId: card.id, label: labels.badge, description: labels.badgeLabel } : null;
}

/**
 * A card's topic and difficulty; a debated card's marker links to its entry among the competing explanations
 * (above a list row's whole-row link, so it stays clickable).
 */
export function CardMeta({
  topic,
  difficulty,
  debated,
}: {
  topic: string;
  difficulty: string;
  debated?: DebatedMarker | null;
}) {
  return (
    <p className="flex flex-wrap gap-2 text-xs">
      <span className="rounded-full bg-accent-50 px-2.5 py-1 font-medium text-accent-700 dark:bg-zinc-800 dark:text-accent-300">
        {topic}
      </span>
      <span className="rounded-full bg-zinc-100 px-2.5 py-1 font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
        {difficulty}
      </span>
      {debated && (
        <a
          href={`/debates#${debated.cardId}`}
          aria-label={debated.description}
          title={debated.description}
          className="relative z-10 rounded-full border border-amber-600 bg-amber-50 px-2.5 py-1 font-medium text-amber-900 underline-offset-2 hover:underline dark:border-amber-400 dark:bg-amber-950/40 dark:text-amber-200"
        >
          <span aria-hidden="true">⚖ </span>
          {debated.label}
        </a>
      )}
    </p>
  );
}
