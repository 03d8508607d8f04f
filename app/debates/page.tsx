import Link from "next/link";
import { CardHtml } from "@/app/ui/cards/card-sides";
import { listDebates } from "@/lib/cards/queries";
import { getMessages, titled } from "@/lib/i18n/server";

export const generateMetadata = titled((t) => t.debates.title);

/** Where a card's "debated" marker leads: /debates#<card id> lands on the card's entry under its debate. */
export default async function DebatesPage() {
  const { lang, t } = await getMessages();
  const debates = await listDebates(lang);
  return (
    <div className="space-y-10">
      <header className="space-y-3">
        <h1 className="text-2xl font-semibold tracking-tight">{t.debates.title}</h1>
        <p className="max-w-prose text-zinc-700 dark:text-zinc-300">{t.debates.lead}</p>
      </header>
      {debates.map((debate) => (
        <section key={debate.id} id={debate.id} aria-labelledby={`${debate.id}-title`} className="space-y-4 border-t border-zinc-200 pt-6 dark:border-zinc-800">
          <h2 id={`${debate.id}-title`} className="text-xl font-semibold">
            {debate.question}
          </h2>
          <h3 className="text-sm font-semibold text-zinc-600 uppercase dark:text-zinc-400">{t.debates.explanations}</h3>
          <ol className="space-y-4" data-testid="explanations">
            {debate.explanations.map((explanation) => (
              <li key={explanation.claim} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
                <p className="font-semibold">{explanation.claim}</p>
                <p className="mt-1 text-zinc-700 dark:text-zinc-300">{explanation.evidence}</p>
                <ul className="mt-2 list-disc pl-5 text-sm text-zinc-600 dark:text-zinc-400" aria-label={t.debates.sources}>
                  {explanation.sources.map((source) => (
                    <li key={source} className="[overflow-wrap:anywhere]">
                      {source}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
          <h3 className="text-sm font-semibold text-zinc-600 uppercase dark:text-zinc-400">{t.debates.cards}</h3>
          <ul className="space-y-2">
            {debate.cards.map((card) => (
              // The marker's link targets this entry; :target shows which card the learner came from.
              <li key={card.id} id={card.id} className="scroll-mt-4 rounded-md p-2 target:bg-amber-50 target:ring-2 target:ring-amber-500 dark:target:bg-amber-950/40">
                <Link href={`/cards/${card.id}`} className="font-medium text-accent-700 underline dark:text-accent-300">
                  <CardHtml html={card.question} className="inline" />
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
