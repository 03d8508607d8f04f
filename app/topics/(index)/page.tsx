import Link from "next/link";
import { countCardsByTopic } from "@/lib/cards/queries";
import { TOPICS } from "@/lib/content/schema";
import { format } from "@/lib/i18n";
import { getMessages, titled } from "@/lib/i18n/server";

export const generateMetadata = titled((t) => t.topicGuide.title);

export default async function TopicsPage() {
  const [{ t }, counts] = await Promise.all([getMessages(), countCardsByTopic()]);
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{t.topicGuide.title}</h1>
        <p className="max-w-2xl text-zinc-600 dark:text-zinc-400">{t.topicGuide.lead}</p>
      </header>
      <ul className="grid gap-3 sm:grid-cols-2">
        {TOPICS.map((topic) => (
          <li key={topic} className="relative rounded-xl border border-zinc-200 p-4 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-900">
            <h2 className="font-semibold">
              <Link href={`/topics/${topic}`} className="after:absolute after:inset-0">
                {t.topics[topic]}
              </Link>
            </h2>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{t.topicIntros[topic]}</p>
            <p className="mt-2 text-xs font-medium text-accent-700 dark:text-accent-300">{format(t.topicGuide.cardCount, { count: counts[topic] ?? 0 })}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
