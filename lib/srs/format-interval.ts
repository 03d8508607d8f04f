
import type { Language } from "@/lib/i18n";
const UNITS = {
  en: { m: "m", h: "h", d: "d", mo: "mo", y: "y" },
  zh: { m: "分钟", h: "小时", d: "天", mo: "个月", y: "年" },
} as const;

/** Anki-style short interval: 10m, 3h, 4d, 2.1mo, 1.3y. */
export function formatInterval(ms: number, lang: Language): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  const unit = UNITS[lang];
  if (minutes < 60) return `${minutes}${unit.m}`;
  const hours = minutes / 60;
  if (hours < 24) return `${Math.round(hours)}${unit.h}`;
  const days = hours / 24;
  if (days < 30) return `${Math.round(days)}${unit.d}`;
  if (days < 365) return `${round1(days / 30)}${unit.mo}`;
  return `${round1(days / 365)}${unit.y}`;
}

const round1 = (value: number) => String(Math.round(value * 10) / 10);
