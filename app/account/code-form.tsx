"use client";

import { useActionState, useState } from "react";
import type { Messages } from "@/lib/i18n";
import type { ImportReport } from "@/lib/transfer/progress";
import { errorText, postJson } from "./api";
import { primaryButton } from "./styles";

type Labels = Messages["account"];

/** A sign-in by typed code (a device link's or a recovery code), its error next to the field. */
export function CodeForm({
  id,
  route,
  label,
  help,
  button,
  initialCode = "",
  placeholder,
  labels,
  onSignedIn,
}: {
  id: string;
  route: string;
  label: string;
  help: string;
  button: string;
  initialCode?: string;
  placeholder: string;
  labels: Labels;
  onSignedIn: (merged: ImportReport | null) => void;
}) {
  // Controlled, so a mistyped code stays in the field to be corrected (React resets a form after its action).
  const [code, setCode] = useState(initialCode);
  // One try at a time: a code's tries are counted, and a second click must not race the first.
  const [error, submit, pending] = useActionState(async (_: string, formData: FormData) => {
    const result = await postJson<{ merged: ImportReport | null }>(route, { code: String(formData.get("code") ?? "") });
    if (!result.ok) return errorText(labels, result);
    onSignedIn(result.data.merged);
    return "";
  }, "");
  return (
    <form action={submit} noValidate className="grid gap-1">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id={id}
          name="code"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          required
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={24}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-help ${id}-error`}
          className="w-48 rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono tracking-wider uppercase placeholder:normal-case placeholder:tracking-normal aria-invalid:border-red-600 dark:border-zinc-700 dark:bg-zinc-900"
        />
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? labels.working : button}
        </button>
      </div>
      <p id={`${id}-help`} className="text-sm text-zinc-600 dark:text-zinc-400">
        {help}
      </p>
      <p id={`${id}-error`} aria-live="polite" className="text-sm text-red-700 dark:text-red-400">
        {error}
      </p>
    </form>
  );
}
