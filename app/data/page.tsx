import { getLearner } from "@/lib/learner";
import { ImportForm } from "./import-form";
import { getMessages, titled } from "@/lib/i18n/server";

export const generateMetadata = titled((t) => t.data.title);

const button =
  "inline-block rounded-md bg-accent-600 px-4 py-2 font-medium text-white hover:bg-accent-700";
const secondary =
  "inline-block rounded-md border border-zinc-300 px-4 py-2 font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";

export default async function DataPage() {
  // The learner must exist before the first export or import from this browser.
  const [{ t }] = await Promise.all([getMessages(), getLearner()]);
  const d = t.data;
  return (
    <div className="max-w-2xl space-y-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{d.title}</h1>
        <p className="text-zinc-600 dark:text-zinc-400">{d.lead}</p>
      </header>
      <section aria-labelledby="export-title" className="space-y-3">
        <h2 id="export-title" className="text-lg font-semibold">
          {d.exportTitle}
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{d.exportLead}</p>
        <a href="/api/export" download className={button}>
          {d.exportButton}
        </a>
      </section>
      <section aria-labelledby="import-title" className="space-y-3">
        <h2 id="import-title" className="text-lg font-semibold">
          {d.importTitle}
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{d.importLead}</p>
        <ImportForm labels={d} />
      </section>
      <section aria-labelledby="anki-title" className="space-y-3">
        <h2 id="anki-title" className="text-lg font-semibold">
          {d.ankiTitle}
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{d.ankiLead}</p>
        <div className="flex flex-wrap gap-3">
          <a href="/api/export/anki?lang=en" download className={secondary} lang="en">
            {d.ankiEn}
          </a>
          <a href="/api/export/anki?lang=zh" download className={secondary}>
            {d.ankiZh}
          </a>
        </div>
      </section>
    </div>
  );
}
