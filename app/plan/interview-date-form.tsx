"use client";

import { useActionState } from "react";
import { saveInterviewDate, type InterviewDateState } from "@/lib/learner/actions";
import type { Messages } from "@/lib/i18n";

type Labels = Messages["plan"];

/** "My interview is on [date]": saves the date, or clears it to return to the default plan. */
export function InterviewDateForm({ date, min, max, labels }: { date: string | null; min: string; max: string; labels: Labels }) {
  const [state, formAction, pending] = useActionState<InterviewDateState, FormData>(saveInterviewDate, { status: "idle" });
  const errors = state.status === "invalid" ? (state.errors ?? []) : [];
  return (
    <form action={formAction} noValidate className="space-y-2" data-testid="interview-date-form">
      <label htmlFor="interview-date" className="block font-medium">
        {labels.dateLabel}
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <input
          id="interview-date"
          name="interviewDate"
          type="date"
          defaultValue={date ?? ""}
          min={min}
          max={max}
          aria-invalid={errors.length > 0 ? true : undefined}
          aria-describedby={`interview-date-help${errors.length > 0 ? " interview-date-error" : ""}`}
          className="rounded-md border border-zinc-300 bg-white px-3 py-2 aria-invalid:border-red-600 dark:border-zinc-700 dark:bg-zinc-900"
        />
        <button
          type="submit"
          name="intent"
          value="save"
          disabled={pending}
          className="rounded-md bg-accent-600 px-4 py-2 font-medium text-white hover:bg-accent-700 disabled:opacity-60"
        >
          {pending ? labels.saving : labels.save}
        </button>
        {date && (
          <button
            type="submit"
            name="intent"
            value="clear"
            disabled={pending}
            className="rounded-md border border-zinc-300 px-4 py-2 font-medium hover:bg-zinc-50 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-900"
          >
            {labels.clear}
          </button>
        )}
      </div>
      <p id="interview-date-help" className="max-w-2xl text-sm text-zinc-600 dark:text-zinc-400">
        {labels.dateHelp}
      </p>
      <div id="interview-date-error" aria-live="polite">
        {errors.map((code) => (
          <p key={code} className="text-sm text-red-700 dark:text-red-400">
            {labels.errors[code as keyof Labels["errors"]] ?? code}
          </p>
        ))}
      </div>
      <p role="status" aria-live="polite" className="text-sm">
        {state.status === "saved" ? labels.saved : state.status === "cleared" ? labels.cleared : ""}
      </p>
    </form>
  );
}
