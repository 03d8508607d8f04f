export const LANGUAGES = ["en", "zh"] as const;
export type Language = (typeof LANGUAGES)[number];

/** The cookie that remembers the learner's choice of language. */
export const LANGUAGE_COOKIE = "bn_lang";

/** The BCP 47 tag of each language, for Intl formatting and <html lang>. */
export const LOCALES: Record<Language, string> = { en: "en", zh: "zh-CN" };

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.includes(value as Language);
}
