"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { isLanguage, LANGUAGE_COOKIE } from "@/lib/i18n";
import { getLearnerId } from "./index";

export async function setLanguage(formData: FormData) {
  const lang = formData.get("lang");
  if (!isLanguage(lang)) return;
  (await cookies()).set(LANGUAGE_COOKIE, lang, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: 400 * 24 * 60 * 60,
  });
  revalidatePath("/", "layout");
}

// An empty field must not quietly become 0, so the text is checked before it is coerced.
const numberField = (rule: z.ZodNumber) =>
  z.string().trim().min(1, { error: "required" }).transform(Number).pipe(rule);

const settingsSchema = z.object({
  desiredRetention: numberField(z.number({ error: "number" }).min(0.7, { error: "retention_range" }).max(0.99, { error: "retention_range" })),
  newCardsPerDay: numberField(
    z.number({ error: "number" }).int({ error: "whole_number" }).min(0, { error: "new_range" }).max(500, { error: "new_range" }),
  ),
});

export type SettingsState = {
  status: "idle" | "saved" | "invalid";
  errors?: Partial<Record<keyof z.infer<typeof settingsSchema>, string[]>>;
};

export async function saveSettings(_previous: SettingsState, formData: FormData): Promise<SettingsState> {
  const parsed = settingsSchema.safeParse({
    desiredRetention: formData.get("desiredRetention") ?? "",
    newCardsPerDay: formData.get("newCardsPerDay") ?? "",
  });
  if (!parsed.success) return { status: "invalid", errors: z.flattenError(parsed.error).fieldErrors };
  const learnerId = await getLearnerId();
  await prisma.learner.update({ where: { id: learnerId }, data: parsed.data });
  revalidatePath("/", "layout");
  return { status: "saved" };
}
