import { titled } from "@/lib/i18n/server";
import { parseCalculatorState } from "@/lib/calculator";
import { Calculator } from "./calculator";
import { MESSAGES } from "@/lib/i18n";
import { getLanguage } from "@/lib/i18n/server";

export const generateMetadata = titled((t) => t.calculator.title);

export default async function CalculatorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [query, lang] = await Promise.all([searchParams, getLanguage()]);
  const messages = MESSAGES[lang].calculator;
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{messages.title}</h1>
        <p className="text-zinc-600 dark:text-zinc-400">{messages.lead}</p>
      </header>
      <Calculator key={lang} initial={parseCalculatorState(query)} messages={messages} />
    </div>
  );
}
