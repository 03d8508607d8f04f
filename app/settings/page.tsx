import Link from "next/link";
import { addDays, dayKey } from "@/lib/calendar";
import { getLearner, getSettings } from "@/lib/learner";
import { MAX_INTERVIEW_DAYS } from "@/lib/learner/interview-date";
import { AccountSection } from "@/app/account/account-section";
import { SettingsForm } from "./settings-form";
import { getMessages, titled } from "@/lib/i18n/server";

export const generateMetadata = titled((t) => t.settings.title);

export default async function SettingsPage() {
  const [{ t }, learner] = await Promise.all([getMessages(), getLearner()]);
  const settings = await getSettings(learner);
  const today = dayKey(new Date(), settings.timeZone);
  const limitNote = (
    <>
      {t.plan.limitNote}{" "}
      <Link href="/plan" className="font-medium text-accent-700 underline dark:text-accent-300">
        {t.plan.planLink}
      </Link>
    </>
  );
  return (
    <div className="max-w-xl space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t.settings.title}</h1>
      <SettingsForm settings={settings} labels={t.settings} plan={{ labels: t.plan, min: today, max: addDays(today, MAX_INTERVIEW_DAYS), limitNote }} />
      <section aria-labelledby="account" className="space-y-4 border-t border-zinc-200 pt-6 dark:border-zinc-800">
        <h2 id="account" className="text-xl font-semibold tracking-tight">
          {t.account.title}
        </h2>
        <AccountSection />
      </section>
      <p className="border-t border-zinc-200 pt-6 dark:border-zinc-800">
        <Link href="/data" className="font-medium text-accent-700 underline dark:text-accent-300">
          {t.settings.dataLink}
        </Link>
      </p>
    </div>
  );
}
