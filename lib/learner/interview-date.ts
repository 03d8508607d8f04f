import { z } from "zod";
import { addDays, isDayKey } from "@/lib/calendar";

/** An interview date is at most this many days ahead: a plan is for the weeks before an interview. */
export const MAX_INTERVIEW_DAYS = 365;

export type InterviewDateProblem = "date" | "past" | "too_far";

/** What is wrong with an interview date on study day `today` (both "2026-06-15", in the learner's zone), or null. */
export function interviewDateProblem(value: string, today: string): InterviewDateProblem | null {
  if (!isDayKey(value)) return "date";
  if (value < today) return "past";
  if (value > addDays(today, MAX_INTERVIEW_DAYS)) return "too_far";
  return null;
}

/** The interview-date form field: empty clears the date; otherwise a date from today to a year ahead. */
export function interviewDateField(today: string) {
  return z
    .string()
    .trim()
    .superRefine((text, ctx) => {
      const problem = text === "" ? null : interviewDateProblem(text, today);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform((text) => text || null);
}
