import { CARD_COLUMNS, decodeCard, type CardRow, type StoredCard } from "@/lib/content/stored-card";
import { OUTCOMES, quizRequestSchema, quizResponseSchema, type Outcome, type QuizRequest, type QuizResponse } from "./request";

/*
 * The one codec of the quiz tables: what was asked for (Quiz.request) and what the learner answered
 * (QuizQuestion.response) are JSON columns, written here and read back here, validated.
 */

export const encodeRequest = (request: QuizRequest): string => JSON.stringify(request);
export const encodeResponse = (response: QuizResponse): string => JSON.stringify(response);

/** Throws when the JSON is not a quiz request this app wrote. */
export function decodeRequest(json: string): QuizRequest {
  return quizRequestSchema.parse(JSON.parse(json));
}

/** null for an unanswered question; throws when the JSON is not a response this app wrote. */
export function decodeResponse(json: string | null): QuizResponse | null {
  return json === null ? null : quizResponseSchema.parse(JSON.parse(json));
}

function decodeOutcome(outcome: string | null): Outcome | null {
  if (outcome === null) return null;
  if (!(OUTCOMES as readonly string[]).includes(outcome)) throw new Error(`unknown quiz outcome "${outcome}"`);
  return outcome as Outcome;
}

/** The rows a quiz is read with: its questions in order, each with its card. */
export const QUIZ_INCLUDE = { questions: { orderBy: { position: "asc" }, include: { card: { select: CARD_COLUMNS } } } } as const;

type QuizRow = {
  id: string;
  learnerId: string;
  mode: string;
  request: string;
  secondsPerQuestion: number | null;
  createdAt: Date;
  finishedAt: Date | null;
  abandonedAt: Date | null;
  questions: {
    id: number;
    position: number;
    cardId: string;
    seed: number;
    shownAt: Date | null;
    answeredAt: Date | null;
    response: string | null;
    outcome: string | null;
    durationMs: number | null;
    rating: number | null;
    reviewLogId: number | null;
    card: CardRow;
  }[];
};

export type StoredQuiz = Omit<QuizRow, "mode" | "request" | "questions"> & {
  mode: QuizRequest["mode"];
  request: QuizRequest;
  questions: (Omit<QuizRow["questions"][number], "response" | "outcome" | "card"> & {
    response: QuizResponse | null;
    outcome: Outcome | null;
    card: StoredCard;
  })[];
};

export function decodeQuiz(row: QuizRow): StoredQuiz {
  const request = decodeRequest(row.request);
  return {
    ...row,
    mode: request.mode,
    request,
    questions: row.questions.map((question) => ({
      ...question,
      response: decodeResponse(question.response),
      outcome: decodeOutcome(question.outcome),
      card: decodeCard(question.card),
    })),
  };
}
