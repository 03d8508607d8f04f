"use client";

import { createContext, useContext, useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useRouter, useSearchParams } from "next/navigation";

type Option = { value: string; label: string };
type Labels = { search: string; placeholder: string; help: string; topic: string; difficulty: string; any: string; filter: string };

const Announce = createContext<(text: string) => void>(() => undefined);

/** Tells screen readers what a search found: the results are a new page, the region that speaks is not. */
export function AnnounceResults({ text }: { text: string }) {
  const announce = useContext(Announce);
  useEffect(() => announce(text), [announce, text]);
  return null;
}

const field = "rounded-md border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900";

/**
 * The search form of /cards, above the results (the page below it). The address holds the search; submitting
 * navigates without reloading, so the box keeps its focus and text, and "/" anywhere on the page jumps to it,
 * as on documentation sites. Without JavaScript it is an ordinary GET form.
 */
export function CardSearch({ labels, topics, difficulties, children }: { labels: Labels; topics: Option[]; difficulties: Option[]; children: ReactNode }) {
  const router = useRouter();
  const params = useSearchParams();
  const fromAddress = () => ({ q: params.get("q") ?? "", topic: params.get("topic") ?? "", difficulty: params.get("difficulty") ?? "" });
  const [values, setValues] = useState(fromAddress);
  // Back, Forward or a link change the address: the fields follow it (React's "adjust state on a prop change").
  const [address, setAddress] = useState(params.toString());
  if (address !== params.toString()) {
    setAddress(params.toString());
    setValues(fromAddress());
  }
  const [announcement, setAnnouncement] = useState("");
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const jump = (event: KeyboardEvent) => {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (event.target instanceof HTMLElement && event.target.closest("input, textarea, select, [contenteditable]")) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener("keydown", jump);
    return () => document.removeEventListener("keydown", jump);
  }, []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const search = new URLSearchParams(Object.entries({ ...values, q: values.q.trim() }).filter(([, value]) => value !== ""));
    router.push(search.size > 0 ? `/cards?${search}` : "/cards");
  }

  const set = (name: keyof typeof values) => (event: { target: { value: string } }) => setValues({ ...values, [name]: event.target.value });
  return (
    <Announce.Provider value={setAnnouncement}>
      <form role="search" action="/cards" onSubmit={submit} className="space-y-2">
        <div className="grid gap-3 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end">
          <label className="grid gap-1 text-sm">
            <span className="font-medium">{labels.search}</span>
            <input
              ref={input}
              type="search"
              name="q"
              value={values.q}
              onChange={set("q")}
              placeholder={labels.placeholder}
              aria-describedby="card-search-help"
              aria-keyshortcuts="/"
              maxLength={200}
              className={field}
            />
          </label>
          <label className="grid gap-1 text-sm">
            <span className="font-medium">{labels.topic}</span>
            <select name="topic" value={values.topic} onChange={set("topic")} className={field}>
              <option value="">{labels.any}</option>
              {topics.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
          <label className="grid gap-1 text-sm">
            <span className="font-medium">{labels.difficulty}</span>
            <select name="difficulty" value={values.difficulty} onChange={set("difficulty")} className={field}>
              <option value="">{labels.any}</option>
              {difficulties.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded-md bg-accent-600 px-4 py-2 font-medium text-white hover:bg-accent-700">
            {labels.filter}
          </button>
        </div>
        <p id="card-search-help" className="text-xs text-zinc-600 dark:text-zinc-400">
          {labels.help}
        </p>
      </form>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {children}
    </Announce.Provider>
  );
}
