// The interface's languages and texts. Safe in client components; the request's language is in ./server.
export { isLanguage, LANGUAGE_COOKIE, LANGUAGES, LOCALES, type Language } from "./language";
export { format, plural, type Message } from "./format";
export { MESSAGES, type AppMessages, type CalculatorMessages, type LabMessages, type Messages, type ProgressMessages } from "./messages";
