"use client";

import { useActionState } from "react";
import { startQuizAction, type StartQuizState } from "@/lib/quiz/actions";
import type { Messages } from "@/lib/i18n";

type Labels = Omit<Messages["quiz"], "unfinishedProgress" | "question" | "shortBy"> & {
  topicNames: Messages["topics"];
  difficultyNames: Messages["difficulties"];
};

const box = "rounded-xl border border-zinc-200 p-4 dark:border-zinc-800";
const legend = "px-1 text-sm font-semibold";

export function QuizBuilder({
  labels,
  topics,
  difficulties,
  types,
}: {
  labels: Labels;
  topics: (keyof Messages["topics"])[];
  difficulties: (keyof Messages["difficulties"])[];
  types: (keyof Messages["quiz"]["typeNames"])[];
}) {
  const [state, formAction, pending] = useActionState<StartQuizState, FormData>(startQuizAction, {});
  const error = (field: keyof Labels["errors"]) =>
    state.errors?.[field] ? (
      <p id={`${field}-error`} className="mt-2 text-sm text-red-700 dark:text-red-400">
        {labels.errors[field]}
      </p>
    ) : null;
  const groups = [
    { name: "topics" as const, title: labels.topics, options: topics.map((id) => [id, labels.topicNames[id]] as const) },
    { name: "difficulties" as const, title: labels.difficulties, options: difficulties.map((id) => [id, labels.difficultyNames[id]] as const) },
    { name: "types" as const, title: labels.types, options: types.map((id) => [id, labels.typeNames[id]] as const) },
  ];
  return (
    <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
      <form action={formAction} className="space-y-4" aria-labelledby="build-title">
        <h2 id="build-title" className="text-lg font-semibold">
          {labels.build}
        </h2>
        <input type="hidden" name="mode" value="custom" />
        {groups.map((group) => (
          <fieldset key={group.name} className={box} aria-describedby={state.errors?.[group.name] ? `${group.name}-error` : undefined}>
            <legend className={legend}>{group.title}</legend>
            <div className="mt-1 flex flex-wrap gap-x-4 gap-y-2">
              {group.options.map(([id, label]) => (
                <label key={id} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name={group.name} value={id} defaultChecked className="size-4 accent-accent-600" />
                  {label}
                </label>
              ))}
            </div>
            {error(group.name)}
          </fieldset>
        ))}
        <fieldset className={box}>
          <legend className={legend}>{labels.count}</legend>
          <div className="mt-1 flex gap-4">
            {[5, 10, 20].map((count) => (
              <label key={count} className="flex items-center gap-2 text-sm">
                <input type="radio" name="count" value={count} defaultChecked={count === 5} className="size-4 accent-accent-600" />
                {count}
              </label>
            ))}
          </div>
          {error("count")}
        </fieldset>
        <div aria-live="polite">
          {state.message && state.message in labels.errors && (
            <p className="text-sm text-red-700 dark:text-red-400">{labels.errors[state.message as keyof Labels["errors"]]}</p>
          )}
        </div>
        <button type="submit" disabled={pending} className="rounded-lg bg-accent-600 px-5 py-3 font-medium text-white hover:bg-accent-700 disabled:opacity-60">
          {pending ? labels.starting : labels.start}
        </button>
      </form>
      <form action={formAction} className={`${box} h-fit space-y-3`} aria-labelledby="interview-title">
        <input type="hidden" name="mode" value="interview" />
        <h2 id="interview-title" className="text-lg font-semibold">
          {labels.interview}
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{labels.interviewHelp}</p>
        <button type="submit" disabled={pending} className="rounded-lg border-2 border-accent-600 px-4 py-2 font-medium text-accent-700 hover:bg-accent-50 disabled:opacity-60 dark:text-accent-300 dark:hover:bg-zinc-900">
          {labels.startInterview}
        </button>
      </form>
    </div>
  );
}
