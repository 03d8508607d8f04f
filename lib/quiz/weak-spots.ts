import type { Topic } from "@/lib/content/schema";

/**
 * A topic is a weak spot when its share falls below this: its quiz score (right 1, partly ½, wrong 0, over its
 * questions) on a quiz result, its mastery on /stats. One number for both, so both pages name the same topics.
 */
export const WEAK_TOPIC_THRESHOLD = 0.7;

/** The topics of a score below the threshold, weakest first (ties in the order the quiz asked them). */
export function weakTopics(byTopic: Partial<Record<Topic, { points: number; questions: number }>>): { topic: Topic; share: number }[] {
  return (Object.entries(byTopic) as [Topic, { points: number; questions: number }][])
    .filter(([, { questions }]) => questions > 0)
    .map(([topic, { points, questions }]) => ({ topic, share: points / questions }))
    .filter(({ share }) => share < WEAK_TOPIC_THRESHOLD)
    .sort((a, b) => a.share - b.share);
}
