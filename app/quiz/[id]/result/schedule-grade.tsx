"use client";

import { useState, useTransition } from "react";
import { changeGradeAction } from "@/lib/quiz/actions";

export function ScheduleGrade({
  quizId,
  position,
  rating,
  locked,
  labels,
}: {
  quizId: string;
  position: number;
  rating: number;
  locked: boolean;
  labels: { title: string; locked: string; failed: string; saved: string; grades: Record<1 | 2 | 3 | 4, string> };
}) {
  const [current, setCurrent] = useState(rating);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  const id = `grade-${position}`;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label htmlFor={id} className="font-medium">
        {labels.title}
      </label>
      <select
        id={id}
        value={current}
        disabled={locked || pending}
        aria-describedby={locked || error ? `${id}-note` : undefined}
        onChange={(event) => {
          const next = Number(event.target.value);
          const before = current;
          setCurrent(next);
          setError(null);
          setSaved(false);
          startTransition(async () => {
            const result = await changeGradeAction({ quizId, position, rating: next });
            if (result.ok) setSaved(true);
            else {
              setCurrent(before);
              setError(labels.failed);
            }
          });
        }}
        className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
      >
        {([1, 2, 3, 4] as const).map((grade) => (
          <option key={grade} value={grade}>
            {labels.grades[grade]}
          </option>
        ))}
      </select>
      <span aria-live="polite" className="text-emerald-700 dark:text-emerald-400">
        {saved ? labels.saved : ""}
      </span>
      {(locked || error) && (
        <span id={`${id}-note`} role={error ? "alert" : undefined} className="text-zinc-600 dark:text-zinc-400">
          {error ?? labels.locked}
        </span>
      )}
    </div>
  );
}
