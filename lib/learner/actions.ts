"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { execute, runSql } from "@/lib/db";
import { isLanguage, LANGUAGE_COOKIE } from "@/lib/i18n";
import { isTimeZone } from "@/lib/calendar";
import { getLearner, lockLearner, TIME_ZONE_COOKIE } from "./index";

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

const settingsSchema = z.object({
  desiredRetention: numberField(z.number({ error: "number" }).min(0.7, { error: "retention_range" }).max(0.99, { error: "retention_range" })),
  newCardsPerDay: numberField(
    z.number({ error: "number" }).int({ error: "whole_number" }).min(0, { error: "new_range" }).max(500, { error: "new_range" }),
  ),
  timeZone: z.string().trim().refine(isTimeZone, { error: "time_zone" }),
});

export type SettingsState = {
  status: "idle" | "saved" | "invalid";
  errors?: Partial<Record<keyof z.infer<typeof settingsSchema>, string[]>>;
};

export async function saveSettings(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  const parsed = settingsSchema.safeParse({
    desiredRetention: formData.get("desiredRetention") ?? "",
    newCardsPerDay: formData.get("newCardsPerDay") ?? "",
    timeZone: formData.get("timeZone") ?? "",
  });
  if (!parsed.success) return { status: "invalid", errors: z.flattenError(parsed.error).fieldErrors };
  const learner = await getLearner();
  const { desiredRetention, newCardsPerDay, timeZone } = parsed.data;
  await runSql(function* (d) {
    const locked = (yield* lockLearner(d, learner, new Date()))!;
    yield* execute(`UPDATE "Learner" SET "desiredRetention" = $2, "newCardsPerDay" = $3, "timeZone" = $4 WHERE "id" = $1`, [
      locked.id,
      desiredRetention,
      newCardsPerDay,
      timeZone,
    ]);
  });
  revalidatePath("/", "layout");
  return { status: "saved" };
}
