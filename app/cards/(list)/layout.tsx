import type { ReactNode } from "react";
import { DIFFICULTIES, TOPICS } from "@/lib/content/schema";
import { getMessages } from "@/lib/i18n/server";
import { CardSearch } from "./card-search";

// The form lives in the layout so that a search, which only changes the address, keeps it (and its focus):
// only the results below, the page, are replaced.
export default async function CardsLayout({ children }: { children: ReactNode }) {
  const { t } = await getMessages();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t.cards.title}</h1>
      <CardSearch
        labels={{
          search: t.cards.search,
          placeholder: t.cards.searchPlaceholder,
          help: t.search.help,
          topic: t.cards.topic,
          difficulty: t.cards.difficulty,
          any: t.cards.any,
          filter: t.cards.filter,
        }}
        topics={TOPICS.map((topic) => ({ value: topic, label: t.topics[topic] }))}
        difficulties={DIFFICULTIES.map((difficulty) => ({ value: difficulty, label: t.difficulties[difficulty] }))}
      >
        {children}
      </CardSearch>
    </div>
  );
}
