"use client";

import { useActionState } from "react";
import { saveSettings, type SettingsState } from "@/lib/learner/actions";
import type { LearnerSettings } from "@/lib/learner";
import type { Messages } from "@/lib/i18n";

type Labels = Messages["settings"];
const FIELDS = [
  { name: "desiredRetention", step: "0.01", min: "0.7", max: "0.99", inputMode: "decimal" },
  { name: "newCardsPerDay", step: "1", min: "0", max: "500", inputMode: "numeric" },
] as const;

export function SettingsForm({ settings, labels }: { settings: LearnerSettings; labels: Labels }) {
  const [state, formAction, pending] = useActionState<SettingsState, FormData>(saveSettings, { status: "idle" });
  return (
    <form action={formAction} noValidate className="space-y-5">
      {FIELDS.map((field) => {
        const errors = state.errors?.[field.name];
        const describedBy = `${field.name}-help${errors ? ` ${field.name}-error` : ""}`;
        return (
          <div key={field.name} className="grid gap-1">
            <label htmlFor={field.name} className="font-medium">
              {labels[field.name]}
            </label>
            <input
              id={field.name}
              name={field.name}
              type="number"
              step={field.step}
              min={field.min}
              max={field.max}
              inputMode={field.inputMode}
              defaultValue={settings[field.name]}
              aria-invalid={errors ? true : undefined}
              aria-describedby={describedBy}
              className="w-40 rounded-md border border-zinc-300 bg-white px-3 py-2 aria-invalid:border-red-600 dark:border-zinc-700 dark:bg-zinc-900"
            />
            <p id={`${field.name}-help`} className="text-sm text-zinc-600 dark:text-zinc-400">
              {labels[`${field.name}Help`]}
            </p>
            <div id={`${field.name}-error`} aria-live="polite">
              {errors?.map((code) => (
                <p key={code} className="text-sm text-red-700 dark:text-red-400">
                  {labels.fieldErrors[code as keyof Labels["fieldErrors"]] ?? code}
                </p>
              ))}
            </div>
          </div>
        );
      })}
      <div className="flex items-center gap-4">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-accent-600 px-4 py-2 font-medium text-white hover:bg-accent-700 disabled:opacity-60"
        >
          {pending ? labels.saving : labels.save}
        </button>
        <p role="status" aria-live="polite" className="text-sm">
          {state.status === "saved" ? labels.saved : state.status === "invalid" ? labels.invalid : ""}
        </p>
      </div>
    </form>
  );
}
