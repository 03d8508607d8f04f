export function CardMeta({
  topic,
  difficulty,
}: {
  topic: string;
  difficulty: string;
}) {
  return (
    <p className="flex flex-wrap gap-2 text-xs">
      <span className="rounded-full bg-accent-50 px-2.5 py-1 font-medium text-accent-700 dark:bg-zinc-800 dark:text-accent-300">
        {topic}
      </span>
      <span className="rounded-full bg-zinc-100 px-2.5 py-1 font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
        {difficulty}
      </span>
    </p>
  );
}
