import type { Metadata, Viewport } from "next";
import Link from "next/link";
import "./globals.css";
import { LanguageSwitch } from "@/app/ui/nav/language-switch";
import { NavLinks } from "@/app/ui/nav/nav-links";
import { TimeZoneReporter } from "@/app/ui/nav/time-zone-reporter";
import { hasPasskey } from "@/lib/account";
import { getSettings, requestLearner } from "@/lib/learner";
import { getMessages } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: { default: t.appName, template: `%s · ${t.appName}` }, description: t.home.lead };
}

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Paths the proxy does not see (a missing /favicon.ico's 404) have no learner cookie.
  const [{ lang, t }, learner] = await Promise.all([getMessages(), requestLearner()]);
  const [timeZoneKnown, signedIn] = learner
    ? await Promise.all([getSettings(learner).then((settings) => settings.timeZoneKnown), hasPasskey(learner.id)])
    : [true, false];
  const links = [
    { href: "/", label: t.nav.home },
    { href: "/study", label: t.nav.study },
    { href: "/quiz", label: t.nav.quiz },
    { href: "/topics", label: t.nav.topics },
    { href: "/cards", label: t.nav.cards },
    { href: "/calculator", label: t.nav.calculator },
    { href: "/lab", label: t.nav.lab },
    { href: "/stats", label: t.nav.stats },
    { href: "/data", label: t.nav.data },
    { href: "/settings", label: t.nav.settings },
  ];
  const account = { href: "/account", label: signedIn ? t.account.navAccount : t.account.navKeep };
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
          <nav className="mx-auto flex max-w-6xl items-center justify-between gap-2 px-4 py-2 lg:flex-wrap" aria-label={t.nav.label}>
            <Link href="/" className="mr-2 shrink-0 rounded-md py-2 text-base font-semibold tracking-tight">
              {t.appName}
            </Link>
            <div className="flex items-center gap-2 lg:flex-wrap">
              <NavLinks links={links} account={account} menuLabel={t.nav.menu} />
              <LanguageSwitch lang={lang} label={t.language.label} />
            </div>
          </nav>
        </header>
        <TimeZoneReporter known={timeZoneKnown} />
        <main id="main" tabIndex={-1} className="mx-auto max-w-4xl px-4 py-8 focus:outline-none">
          {children}
        </main>
      </body>
    </html>
  );
}
