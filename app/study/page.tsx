import { EXPERIMENT_IDS, type ExperimentId } from "@/lib/experiments/setup";
import { getLearner } from "@/lib/learner";
import { getStudyScreen, studyScopeOf } from "@/lib/srs/queries";
import { StudySession } from "./study-session";
import { getMessages, titled } from "@/lib/i18n/server";

export const generateMetadata = titled((t) => t.study.title);

export default async function StudyPage({ searchParams }: { searchParams: Promise<{ topic?: string; extra?: string }> }) {
  const [{ lang, t }, learner, params] = await Promise.all([getMessages(), getLearner(), searchParams]);
  const scope = studyScopeOf(params);
  const initial = await getStudyScreen(learner, lang, scope);
  return (
    <StudySession
      key={`${lang}-${scope.topic ?? ""}-${scope.extraNew ?? 0}`}
      lang={lang}
      scope={scope}
      topicTitle={scope.topic ? t.topics[scope.topic] : null}
      initial={initial}
      labels={{
        ...t.study,
        topics: t.topics,
        difficulties: t.difficulties,
        practice: t.quiz,
        practiceMessages: t.practice,
        seeInLab: t.lab.seeInLab,
        debates: t.debates,
        experiments: Object.fromEntries(EXPERIMENT_IDS.map((id) => [id, t.lab.experiments[id].name])) as Record<ExperimentId, string>,
      }}
    />
  );
}
