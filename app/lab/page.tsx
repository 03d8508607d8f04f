import { listLabCards } from "@/lib/cards/queries";
import { queryTexts, readSetup } from "@/lib/experiments";
import { getMessages, titled } from "@/lib/i18n/server";
import { Lab } from "./lab";

export const generateMetadata = titled((t) => t.lab.title);

export default async function LabPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [query, { lang, t }] = await Promise.all([searchParams, getMessages()]);
  const cards = await listLabCards(lang);
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{t.lab.title}</h1>
        <p className="text-zinc-600 dark:text-zinc-400">{t.lab.lead}</p>
      </header>
      <Lab key={lang} initial={readSetup(queryTexts(query))} messages={t.lab} cards={cards} />
    </div>
  );
}
