"use client";

import { useId } from "react";
import { format, type Messages } from "@/lib/i18n";
import type { SelfOutcome } from "@/lib/practice/key-points";

type Labels = Messages["practice"]["keyPoints"] & { title: string };

/**
 * A free answer's key points as checkboxes: the learner ticks those the answer covered, and the ticks suggest
 * the grade (see outcomeFromKeyPoints). Native checkboxes, so Tab and Space tick them from the keyboard.
 */
export function KeyPointChecklist({
  points,
  ticked,
  onChange,
  labels,
  disabled = false,
}: {
  points: string[];
  ticked: number[];
  onChange: (ticked: number[]) => void;
  labels: Labels;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <fieldset aria-describedby={`${id}-help`} disabled={disabled} data-testid="key-point-checklist">
      <legend className="mb-1 text-sm font-semibold text-zinc-600 uppercase dark:text-zinc-400">{labels.title}</legend>
      <p id={`${id}-help`} className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">
        {labels.legend}
      </p>
      <ul className="space-y-1">
        {points.map((html, index) => (
          <li key={index}>
            <label className="flex cursor-pointer items-start gap-3 rounded-md p-1 hover:bg-zinc-50 dark:hover:bg-zinc-900">
              <input
                type="checkbox"
                checked={ticked.includes(index)}
                onChange={(event) => onChange(event.target.checked ? [...ticked, index].sort((a, b) => a - b) : ticked.filter((other) => other !== index))}
                className="mt-1.5 size-4 shrink-0 accent-accent-600"
              />
              <span className="card-prose" dangerouslySetInnerHTML={{ __html: html }} />
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** "Suggested from your ticks: Partly (1 of 3 key points)", announced as the ticks change. */
export function TickSuggestion({
  id,
  outcome,
  ticked,
  total,
  labels,
}: {
  id: string;
  outcome: SelfOutcome | null;
  ticked: number;
  total: number;
  labels: { suggested: string; outcomes: Record<SelfOutcome, string> };
}) {
  return (
    <p id={id} aria-live="polite" className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="tick-suggestion">
      {outcome ? format(labels.suggested, { outcome: labels.outcomes[outcome], ticked, total }) : ""}
    </p>
  );
}
