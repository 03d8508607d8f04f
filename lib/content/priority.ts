import { MUST_KNOW_TOPICS, PRIORITIES, type DeckCard, type Topic } from "./schema";

/** Every must-know topic has at least this many core cards, one of them an explanation (a concept card). */
export const MIN_CORE_PER_TOPIC = 3;
/** The core set stays a first evening's worth: at most this share of the deck. */
export const MAX_CORE_SHARE = 1 / 4;
/** History and motivation come after the must-know questions, never before them. */
const NEVER_CORE: readonly Topic[] = ["motivation"];

/**
 * The deck-wide rule behind the study order, or null when it holds: core cards belong to the must-know topics
 * only (so motivation and history are never core), each must-know topic has at least MIN_CORE_PER_TOPIC core
 * cards including a concept card, and core is at most MAX_CORE_SHARE of the deck.
 */
export function priorityProblem(cards: readonly DeckCard[], mustKnow: readonly Topic[] = MUST_KNOW_TOPICS): string | null {
  const core = cards.filter((card) => card.priority === "core");
  const misplaced = core.filter((card) => !mustKnow.includes(card.topic) || NEVER_CORE.includes(card.topic));
  if (misplaced.length > 0) {
    return (
      `priority: core is for the must-know questions of ${mustKnow.join(", ") || "no topic"}; ` +
      `make these main or depth: ${misplaced.map((card) => `${card.id} (${card.topic})`).join(", ")}`
    );
  }
  for (const topic of mustKnow) {
    const own = core.filter((card) => card.topic === topic);
    if (own.length < MIN_CORE_PER_TOPIC || !own.some((card) => card.type === "concept")) {
      return (
        `priority: the must-know topic ${topic} has ${own.length} core card(s)` +
        `${own.some((card) => card.type === "concept") ? "" : " and no core concept card"}; ` +
        `it needs at least ${MIN_CORE_PER_TOPIC}, one of them a concept card`
      );
    }
  }
  if (core.length > cards.length * MAX_CORE_SHARE) {
    return `priority: ${core.length} of ${cards.length} cards are core; at most a quarter may be, or core stops meaning "first"`;
  }
  return null;
}

/** New cards are introduced core first, then main, then depth; within a priority topic by topic, easy before hard. */
export function priorityRank(card: Pick<DeckCard, "priority">): number {
  return PRIORITIES.indexOf(card.priority);
}
