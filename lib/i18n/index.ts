import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { LANGUAGES, type Language } from "@/lib/content/schema";
import { MESSAGES } from "./messages";

export const LANGUAGE_COOKIE = "bn_lang";
export { MESSAGES, type Messages } from "./messages";

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.includes(value as Language);
}

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
