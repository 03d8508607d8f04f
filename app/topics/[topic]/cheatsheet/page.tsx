import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CardHtml } from "@/app/ui/cards/card-sides";
import { getCheatSheet } from "@/lib/cards/cheatsheets";
import { TOPICS } from "@/lib/content/schema";
import { format } from "@/lib/i18n";
import { getMessages } from "@/lib/i18n/server";
import { PrintButton } from "./print-button";

type Props = { params: Promise<{ topic: string }> };

const topicOf = (slug: string) => TOPICS.find((known) => known === slug);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ topic: slug }, { t }] = await Promise.all([params, getMessages()]);
  const topic = topicOf(slug);
  return { title: topic ? format(t.cheatSheet.title, { topic: t.topics[topic] }) : t.errors.notFoundTitle };
}

export default async function CheatSheetPage({ params }: Props) {
  const [{ topic: slug }, { lang, t }] = await Promise.all([params, getMessages()]);
  const topic = topicOf(slug);
  if (!topic) notFound();
  const sheet = await getCheatSheet(topic, lang);
  return (
    <article className="cheat-sheet space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <Link href={`/topics/${topic}`} className="text-sm font-medium text-accent-700 underline dark:text-accent-300">
          ← {t.cheatSheet.back}
        </Link>
        <PrintButton label={t.cheatSheet.print} />
      </div>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">{format(t.cheatSheet.title, { topic: t.topics[topic] })}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t.cheatSheet.lead}</p>
      </header>
      <CardHtml html={sheet.html} className="cheat-sheet-body" />
    </article>
  );
}
