"use client";

import { useActionState, useMemo } from "react";
import { saveSettings, type SettingsState } from "@/lib/learner/actions";
import type { LearnerSettings } from "@/lib/learner";
import type { Messages } from "@/lib/i18n";

type Labels = Messages["settings"];
type PlanLabels = Messages["plan"];
type FieldName = "desiredRetention" | "newCardsPerDay" | "timeZone";
const NUMBERS = [
  { name: "desiredRetention", step: "0.01", min: "0.7", max: "0.99", inputMode: "decimal" },
  { name: "newCardsPerDay", step: "1", min: "0", max: "500", inputMode: "numeric" },
] as const;

export function SettingsForm({
  settings,
  labels,
  plan,
}: {
  settings: LearnerSettings;
  labels: Labels;
  /** the interview-date field: its texts, the days it allows, and the note the new-card limit gets while a date is set */
  plan: { labels: PlanLabels; min: string; max: string; limitNote: React.ReactNode };
}) {
  const [state, formAction, pending] = useActionState<SettingsState, FormData>(saveSettings, { status: "idle" });
  const zones = useMemo(() => Intl.supportedValuesOf("timeZone"), []);
  const field = (name: FieldName, input: React.InputHTMLAttributes<HTMLInputElement>, className: string) => {
    const errors = state.errors?.[name];
    return (
      <div key={name} className="grid gap-1">
        <label htmlFor={name} className="font-medium">
          {labels[name]}
        </label>
        <input
          id={name}
          name={name}
          defaultValue={String(settings[name])}
          aria-invalid={errors ? true : undefined}
          aria-describedby={`${name}-help${errors ? ` ${name}-error` : ""}`}
          className={`${className} rounded-md border border-zinc-300 bg-white px-3 py-2 aria-invalid:border-red-600 dark:border-zinc-700 dark:bg-zinc-900`}
          {...input}
        />
        <p id={`${name}-help`} className="text-sm text-zinc-600 dark:text-zinc-400">
          {labels[`${name}Help`]}
          {name === "newCardsPerDay" && settings.interviewDate && <> {plan.limitNote}</>}
        </p>
        <div id={`${name}-error`} aria-live="polite">
          {errors?.map((code) => (
            <p key={code} className="text-sm text-red-700 dark:text-red-400">
              {labels.fieldErrors[code as keyof Labels["fieldErrors"]] ?? code}
            </p>
          ))}
        </div>
      </div>
    );
  };
  return (
    <form action={formAction} noValidate className="space-y-5">
      {NUMBERS.map(({ name, ...input }) => field(name, { type: "number", ...input }, "w-40"))}
      {field("timeZone", { type: "text", list: "time-zones", autoComplete: "off", spellCheck: false }, "w-full max-w-xs")}
      <datalist id="time-zones">
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <div className="grid gap-1">
        <label htmlFor="interviewDate" className="font-medium">
          {plan.labels.dateLabel}
        </label>
        <input
          id="interviewDate"
          name="interviewDate"
          type="date"
          defaultValue={settings.interviewDate ?? ""}
          min={plan.min}
          max={plan.max}
          aria-invalid={state.errors?.interviewDate ? true : undefined}
          aria-describedby={`interviewDate-help${state.errors?.interviewDate ? " interviewDate-error" : ""}`}
          className="w-48 rounded-md border border-zinc-300 bg-white px-3 py-2 aria-invalid:border-red-600 dark:border-zinc-700 dark:bg-zinc-900"
        />
        <p id="interviewDate-help" className="text-sm text-zinc-600 dark:text-zinc-400">
          {plan.labels.dateHelp} {plan.labels.emptyToClear}
        </p>
        <div id="interviewDate-error" aria-live="polite">
          {state.errors?.interviewDate?.map((code) => (
            <p key={code} className="text-sm text-red-700 dark:text-red-400">
              {plan.labels.errors[code as keyof PlanLabels["errors"]] ?? code}
            </p>
          ))}
        </div>
      </div>
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
