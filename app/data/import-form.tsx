"use client";

import { useActionState } from "react";
import { format, type Messages } from "@/lib/i18n";
import type { ImportReport } from "@/lib/transfer/progress";

type Labels = Messages["data"];
type ImportState = { status: "idle" | "imported" | "failed"; message: string };

const MAX_BYTES = 20 * 1024 * 1024;

async function importFile(labels: Labels, formData: FormData): Promise<ImportState> {
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) return { status: "failed", message: labels.chooseFile };
  const failed = (code: string, detail = "") => {
    const reason = labels.errors[code as keyof Labels["errors"]] ?? labels.errors.other;
    return { status: "failed" as const, message: format(labels.importFailed, { message: format(reason, { detail }) }) };
  };
  if (file.size > MAX_BYTES) return failed("too_large");
  let response: Response;
  try {
    response = await fetch("/api/import", { method: "POST", headers: { "content-type": "application/json" }, body: await file.text() });
  } catch {
    return { status: "failed", message: labels.networkError };
  }
  const body = (await response.json().catch(() => null)) as ImportReport | { error: { code: string; message: string } } | null;
  if (!response.ok || !body || "error" in body) {
    const error = body && "error" in body ? body.error : { code: "other", message: `HTTP ${response.status}` };
    return failed(error.code, error.message);
  }
  const imported = format(labels.imported, {
    reviews: body.reviewLogs.added,
    reviewsKnown: body.reviewLogs.alreadyThere,
    states: body.cardStates.added,
    statesUpdated: body.cardStates.updated,
    quizzes: body.quizzes.added,
    quizzesKnown: body.quizzes.alreadyThere,
  });
  const skipped = body.skippedCards.length
    ? ` ${format(labels.skipped, { count: body.skippedCards.length, ids: body.skippedCards.slice(0, 10).join(", ") + (body.skippedCards.length > 10 ? ", …" : "") })}`
    : "";
  return { status: "imported", message: imported + skipped };
}

export function ImportForm({ labels }: { labels: Labels }) {
  const [state, formAction, pending] = useActionState<ImportState, FormData>((_, formData) => importFile(labels, formData), {
    status: "idle",
    message: "",
  });
  return (
    <form action={formAction} className="space-y-3">
      <div className="grid gap-1">
        <label htmlFor="progress-file" className="font-medium">
          {labels.importField}
        </label>
        <input
          id="progress-file"
          name="file"
          type="file"
          accept="application/json,.json"
          aria-describedby="import-result"
          aria-invalid={state.status === "failed" ? true : undefined}
          className="max-w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm file:mr-3 file:rounded-sm file:border-0 file:bg-zinc-100 file:px-3 file:py-1 dark:border-zinc-700 dark:bg-zinc-900 dark:file:bg-zinc-800 dark:file:text-zinc-100"
        />
      </div>
      <div className="flex flex-wrap items-start gap-4">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-accent-600 px-4 py-2 font-medium text-white hover:bg-accent-700 disabled:opacity-60"
        >
          {pending ? labels.importing : labels.importButton}
        </button>
        <p
          id="import-result"
          role="status"
          aria-live="polite"
          data-testid="import-result"
          data-status={state.status}
          className={`min-w-0 flex-1 text-sm ${state.status === "failed" ? "text-red-700 dark:text-red-400" : "text-green-800 dark:text-green-300"}`}
        >
          {state.message}
        </p>
      </div>
    </form>
  );
}
