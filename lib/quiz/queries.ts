import "server-only";
import { buildQuestion, explainQuestion, presentQuestion, type FeedbackView, type QuestionView } from "@/lib/practice";
import type { Outcome } from "./request";
import { currentPosition, elapsedSince, getQuiz, scoreOf, startQuestionClock } from "./session";
import { weakTopics } from "./weak-spots";
import type { Topic } from "@/lib/content/schema";
import type { Language } from "@/lib/i18n";

/*
 * What the quiz pages show, read once and ready to render: pages get these read models, not rows to decode
 * or questions to rebuild.
 */

export type QuizScreen =
  | { status: "finished" }
  | { status: "abandoned" }
  | {
      status: "open";
      quizId: string;
      questionId: number;
      cardId: string;
      topic: Topic;
      /** the stored position, which an answer names */
      position: number;
      /** 0-based place in the quiz, for "Question 3 of 10" */
      index: number;
      total: number;
      secondsPerQuestion: number | null;
      /** how long the question has been on screen since it was first shown, on any device */
      elapsedMs: number;
      view: QuestionView;
    };

/**
 * The question an open quiz is on, or how the quiz ended; null when the learner has no such quiz. Showing a
 * question starts its clock, once.
 */
export async function getQuizScreen(learnerId: string, quizId: string, lang: Language, now = new Date()): Promise<QuizScreen | null> {
  const quiz = await getQuiz(learnerId, quizId);
  if (!quiz) return null;
  const position = currentPosition(quiz);
  if (quiz.finishedAt || position === null) return { status: "finished" };
  if (quiz.abandonedAt) return { status: "abandoned" };
  const question = quiz.questions.find((candidate) => candidate.position === position)!;
  const shownAt = question.shownAt ?? (await startQuestionClock(question.id, now));
  return {
    status: "open",
    quizId: quiz.id,
    questionId: question.id,
    cardId: question.cardId,
    topic: question.card.topic,
    position,
    index: quiz.questions.indexOf(question),
    total: quiz.questions.length,
    secondsPerQuestion: quiz.secondsPerQuestion,
    elapsedMs: elapsedSince(shownAt, now),
    view: presentQuestion(buildQuestion(question.card, question.seed), lang),
  };
}

export type ResultQuestion = {
  id: number;
  position: number;
  outcome: Outcome | null;
  view: QuestionView;
  /** what the learner wrote for an explain question, if anything */
  writtenAnswer: string | null;
  /** the key points an explain answer was ticked as covering, by index; null when none were recorded */
  keyPointsCovered: number[] | null;
  /** the time the answer took, when answered */
  durationMs: number | null;
  /** longer than an interview allows per question */
  overtime: boolean;
  /** the explained answer of an mcq or numeric question that was answered */
  feedback: FeedbackView | null;
  /** the grade the answer gave the card's schedule, when it gave one */
  rating: number | null;
  /** true once the card has been reviewed again since: the grade can no longer change */
  locked: boolean;
};

export type QuizResult = {
  id: string;
  mode: "custom" | "interview";
  abandoned: boolean;
  seconds: number;
  /** the interview clock per question; null for a quiz without one */
  secondsPerQuestion: number | null;
  score: ReturnType<typeof scoreOf>;
  /** topics scored below WEAK_TOPIC_THRESHOLD, weakest first */
  weakTopics: ReturnType<typeof weakTopics>;
  questions: ResultQuestion[];
};

/** A finished or abandoned quiz, question by question; `open` when it is still going, null when there is none. */
export async function getQuizResult(learnerId: string, quizId: string, lang: Language): Promise<QuizResult | "open" | null> {
  const quiz = await getQuiz(learnerId, quizId);
  if (!quiz) return null;
  // Every question answered counts as finished even if the quiz row never said so.
  const lastAnswer = currentPosition(quiz) === null ? Math.max(...quiz.questions.map((q) => q.answeredAt?.getTime() ?? 0)) : null;
  const ended = quiz.finishedAt ?? quiz.abandonedAt ?? (lastAnswer === null ? null : new Date(lastAnswer));
  if (!ended) return "open";
  const latestReviewOfCard = new Map<string, number>();
  for (const question of quiz.questions) {
    if (question.reviewLogId !== null) latestReviewOfCard.set(question.cardId, question.reviewLogId);
  }
  const score = scoreOf(quiz.questions);
  const limitMs = quiz.secondsPerQuestion === null ? null : quiz.secondsPerQuestion * 1000;
  return {
    id: quiz.id,
    mode: quiz.mode,
    abandoned: quiz.abandonedAt !== null && quiz.finishedAt === null,
    seconds: Math.round((ended.getTime() - quiz.createdAt.getTime()) / 1000),
    secondsPerQuestion: quiz.secondsPerQuestion,
    score,
    weakTopics: weakTopics(score.byTopic),
    questions: quiz.questions.map((question) => {
      const built = buildQuestion(question.card, question.seed);
      const response = question.response;
      return {
        id: question.id,
        position: question.position,
        outcome: question.outcome,
        view: presentQuestion(built, lang),
        writtenAnswer: response?.kind === "self" ? (response.text ?? null) : null,
        keyPointsCovered: response?.kind === "self" ? (response.keyPoints ?? null) : null,
        durationMs: question.durationMs,
        overtime: limitMs !== null && question.durationMs !== null && question.durationMs > limitMs,
        feedback: response && response.kind !== "self" && built.kind !== "concept" ? explainQuestion(built, lang, response) : null,
        rating: question.rating,
        locked: latestReviewOfCard.get(question.cardId) !== question.reviewLogId,
      };
    }),
  };
}
