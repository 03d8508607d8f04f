"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { execute, runSql } from "@/lib/db";
import { isLanguage, LANGUAGE_COOKIE } from "@/lib/i18n";
import { dayKey, isTimeZone } from "@/lib/calendar";
import { getLearner, getSettings, lockLearner, TIME_ZONE_COOKIE } from "./index";
import { interviewDateField } from "./interview-date";

const YEAR_SECONDS = 400 * 24 * 60 * 60;
const preferenceCookie = { httpOnly: true, sameSite: "lax" as const, path: "/", maxAge: YEAR_SECONDS };

export async function setLanguage(formData: FormData) {
  const lang = formData.get("lang");
  if (!isLanguage(lang)) return;
  (await cookies()).set(LANGUAGE_COOKIE, lang, preferenceCookie);
  revalidatePath("/", "layout");
}

/**
 * The browser's time zone, sent once by the layout when the server does not know it yet. It is kept in a
 * cookie until the learner's row exists, and fills the row's zone if that is still empty. A zone chosen in
 * settings is never overwritten.
 */
export async function rememberTimeZone(timeZone: unknown): Promise<void> {
  if (!isTimeZone(timeZone)) return;
  (await cookies()).set(TIME_ZONE_COOKIE, timeZone, preferenceCookie);
  const learner = await getLearner();
  await runSql(() => execute(`UPDATE "Learner" SET "timeZone" = $2 WHERE "id" = $1 AND "timeZone" IS NULL`, [learner.id, timeZone]));
}

// An empty field must not quietly become 0, so the text is checked before it is coerced.
const numberField = (rule: z.ZodNumber) =>
  z.string().trim().min(1, { error: "required" }).transform(Number).pipe(rule);

const settingsSchema = (today: string) =>
  z.object({
    desiredRetention: numberField(z.number({ error: "number" }).min(0.7, { error: "retention_range" }).max(0.99, { error: "retention_range" })),
    newCardsPerDay: numberField(
      z.number({ error: "number" }).int({ error: "whole_number" }).min(0, { error: "new_range" }).max(500, { error: "new_range" }),
    ),
    timeZone: z.string().trim().refine(isTimeZone, { error: "time_zone" }),
    interviewDate: interviewDateField(today),
  });

export type SettingsState = {
  status: "idle" | "saved" | "invalid";
  errors?: Partial<Record<keyof z.infer<ReturnType<typeof settingsSchema>>, string[]>>;
};

export async function saveSettings(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  const learner = await getLearner();
  // "Not in the past" is judged on the study day of the zone being saved (or the current one, if that is wrong).
  const zone = formData.get("timeZone");
  const today = dayKey(new Date(), isTimeZone(zone) ? zone : (await getSettings(learner)).timeZone);
  const parsed = settingsSchema(today).safeParse({
    desiredRetention: formData.get("desiredRetention") ?? "",
    newCardsPerDay: formData.get("newCardsPerDay") ?? "",
    timeZone: formData.get("timeZone") ?? "",
    interviewDate: formData.get("interviewDate") ?? "",
  });
  if (!parsed.success) return { status: "invalid", errors: z.flattenError(parsed.error).fieldErrors };
  const { desiredRetention, newCardsPerDay, timeZone, interviewDate } = parsed.data;
  await runSql(function* (d) {
    const locked = (yield* lockLearner(d, learner, new Date()))!;
    yield* execute(`UPDATE "Learner" SET "desiredRetention" = $2, "newCardsPerDay" = $3, "timeZone" = $4, "interviewDate" = $5 WHERE "id" = $1`, [
      locked.id,
      desiredRetention,
      newCardsPerDay,
      timeZone,
      interviewDate,
    ]);
  });
  revalidatePath("/", "layout");
  return { status: "saved" };
}

export type InterviewDateState = { status: "idle" | "saved" | "cleared" | "invalid"; errors?: string[] };

/** "My interview is on …" on /plan and the home page: sets the date, or clears it (the default plan returns). */
export async function saveInterviewDate(_previous: InterviewDateState, formData: FormData): Promise<InterviewDateState> {
  const learner = await getLearner();
  const clear = formData.get("intent") === "clear";
  const today = dayKey(new Date(), (await getSettings(learner)).timeZone);
  const parsed = interviewDateField(today).safeParse(clear ? "" : (formData.get("interviewDate") ?? ""));
  if (!parsed.success) return { status: "invalid", errors: parsed.error.issues.map((issue) => issue.message) };
  // Saving an empty field is a mistake, not a way to clear: the button that clears says so.
  if (!clear && parsed.data === null) return { status: "invalid", errors: ["required"] };
  await runSql(function* (d) {
    const locked = (yield* lockLearner(d, learner, new Date()))!;
    yield* execute(`UPDATE "Learner" SET "interviewDate" = $2 WHERE "id" = $1`, [locked.id, parsed.data]);
  });
  revalidatePath("/", "layout");
  return { status: clear ? "cleared" : "saved" };
}
