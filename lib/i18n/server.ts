import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { isLanguage, LANGUAGE_COOKIE, type Language } from "./language";
import { MESSAGES, type Messages } from "./messages";

/** The chosen language, else the browser's preference, else English. */
export const getLanguage = cache(async (): Promise<Language> => {
  const chosen = (await cookies()).get(LANGUAGE_COOKIE)?.value;
  if (isLanguage(chosen)) return chosen;
  const accepted = (await headers()).get("accept-language") ?? "";
  return /^\s*zh\b/i.test(accepted) ? "zh" : "en";
});

export async function getMessages() {
  const lang = await getLanguage();
  return { lang, t: MESSAGES[lang] };
}

/**
 * A page's `generateMetadata` whose tab title is in the learner's language: `export const generateMetadata =
 * titled((t) => t.stats.title)`. The root layout adds " · <app name>".
 */
export function titled(pick: (t: Messages) => string) {
  return async (): Promise<{ title: string }> => ({ title: pick((await getMessages()).t) });
}
