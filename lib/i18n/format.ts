/**
 * A catalogue message: text with {name} placeholders, or an English noun phrase with its singular and plural
 * (Chinese has no plural forms, so its messages are plain text).
 */
export type Message = string | { one: string; other: string };

export function plural(one: string, other: string): Message {
  return { one, other };
}

/** The message with its {placeholders} filled; a plural picks its form by `count` (English: one for exactly 1). */
export function format(message: Message, values: Record<string, string | number> = {}): string {
  const text = typeof message === "string" ? message : values.count === 1 ? message.one : message.other;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}
