import type { Metadata, Viewport } from "next";
import Link from "next/link";
import "./globals.css";
import { LanguageSwitch } from "@/app/ui/nav/language-switch";
import { NavLinks } from "@/app/ui/nav/nav-links";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = {
  title: { default: "BN Interview Prep", template: "%s · BN Interview Prep" },
  description: "Batch Normalization interview preparation: spaced-repetition flashcards, quizzes and an exact BN calculator.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const { lang, t } = await getMessages();
  const links = [
    { href: "/", label: t.nav.home },
    { href: "/study", label: t.nav.study },
    { href: "/quiz", label: t.nav.quiz },
    { href: "/topics", label: t.nav.topics },
    { href: "/cards", label: t.nav.cards },
    { href: "/calculator", label: t.nav.calculator },
    { href: "/stats", label: t.nav.stats },
    { href: "/settings", label: t.nav.settings },
  ];
  return (
    <html lang={lang === "zh" ? "zh-CN" : "en"}>
      <body className="min-h-dvh bg-white font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-zinc-900"
        >
          {t.skipToContent}
        </a>
        <header className="border-b border-zinc-200 dark:border-zinc-800">
          <nav className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-2" aria-label="Main">
            <Link href="/" className="mr-2 rounded-md py-2 text-base font-semibold tracking-tight">
              {t.appName}
            </Link>
            <div className="flex flex-wrap items-center gap-2">
              <NavLinks links={links} />
              <LanguageSwitch lang={lang} label={t.language.label} />
            </div>
          </nav>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto max-w-4xl px-4 py-8 focus:outline-none">
          {children}
        </main>
      </body>
    </html>
  );
}
