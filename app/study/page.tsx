import type { Metadata } from "next";
import { getMessages } from "@/lib/i18n";
import { getLearnerId } from "@/lib/learner";
import { getNextStudyCard, getSessionSummary } from "@/lib/srs/queries";
import { StudySession } from "./study-session";

export const metadata: Metadata = { title: "Study" };

export default async function StudyPage() {
  const [{ lang, t }, learnerId] = await Promise.all([getMessages(), getLearnerId()]);
  const [next, summary] = await Promise.all([getNextStudyCard(learnerId, lang), getSessionSummary(learnerId)]);
  return (
    <StudySession
      key={lang}
      lang={lang}
      initial={{ card: next.card, counts: next.counts, summary }}
      labels={{ ...t.study, topics: t.topics, difficulties: t.difficulties }}
    />
  );
}
