import { setLanguage } from "@/lib/learner/actions";
import type { Language } from "@/lib/i18n";

/** A plain form, so switching language works even before any JavaScript has loaded. */
export function LanguageSwitch({ lang, label }: { lang: Language; label: string }) {
  return (
    <form action={setLanguage} className="flex items-center" aria-label={label}>
      <div role="group" aria-label={label} className="flex overflow-hidden rounded-md border border-zinc-300 dark:border-zinc-700">
        {(["en", "zh"] as const).map((option) => (
          <button
            key={option}
            type="submit"
            name="lang"
            value={option}
            lang={option === "zh" ? "zh-CN" : "en"}
            aria-pressed={lang === option}
            className="px-2.5 py-1.5 text-sm text-zinc-700 hover:bg-zinc-100 aria-pressed:bg-zinc-900 aria-pressed:text-white dark:text-zinc-300 dark:hover:bg-zinc-800 dark:aria-pressed:bg-zinc-100 dark:aria-pressed:text-zinc-900"
          >
            {option === "en" ? "EN" : "中文"}
          </button>
        ))}
      </div>
    </form>
  );
}
