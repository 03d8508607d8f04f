import { TOPICS } from "@/lib/content/schema";
import { EXPERIMENT_IDS, type ExperimentId } from "@/lib/experiments/setup";
import { getLearner } from "@/lib/learner";
import { getNextStudyCard, getSessionSummary } from "@/lib/srs/queries";
import { StudySession } from "./study-session";
import { getMessages, titled } from "@/lib/i18n/server";

export const generateMetadata = titled((t) => t.study.title);

export default async function StudyPage({ searchParams }: { searchParams: Promise<{ topic?: string }> }) {
  const [{ lang, t }, learner, { topic }] = await Promise.all([getMessages(), getLearner(), searchParams]);
  const scope = { topic: TOPICS.find((known) => known === topic) };
  const [next, summary] = await Promise.all([getNextStudyCard(learner, lang, new Date(), scope), getSessionSummary(learner)]);
  return (
    <StudySession
      key={`${lang}-${scope.topic ?? ""}`}
      lang={lang}
      scope={scope}
      topicTitle={scope.topic ? t.topics[scope.topic] : null}
      initial={{ card: next.card, counts: next.counts, summary }}
      labels={{
        ...t.study,
        topics: t.topics,
        difficulties: t.difficulties,
        practice: t.quiz,
        seeInLab: t.lab.seeInLab,
        debates: t.debates,
        experiments: Object.fromEntries(EXPERIMENT_IDS.map((id) => [id, t.lab.experiments[id].name])) as Record<ExperimentId, string>,
      }}
    />
  );
}
