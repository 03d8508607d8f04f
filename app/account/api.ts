import { format, type Messages } from "@/lib/i18n";
import type { ImportReport } from "@/lib/transfer/progress";

type Labels = Messages["account"];
export type ApiResult<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

/** POSTs JSON to one of the account routes; a failure of any kind comes back as the API's error code. */
export async function postJson<T>(url: string, body: unknown = {}): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  } catch {
    return { ok: false, code: "network", message: "" };
  }
  const data = (await response.json().catch(() => null)) as (T & { error?: undefined }) | { error: { code: string; message: string } } | null;
  if (response.ok && data && !data.error) return { ok: true, data: data as T };
  const error = data?.error ?? { code: "other", message: `HTTP ${response.status}` };
  return { ok: false, code: error.code, message: error.message };
}

export function errorText(labels: Labels, failure: { code: string; message: string }): string {
  if (failure.code === "network") return labels.networkError;
  if (failure.code === "cancelled") return labels.cancelled;
  if (failure.code === "unsupported") return labels.unsupported;
  const known = labels.errors[failure.code as keyof Labels["errors"]];
  return known ?? format(labels.errors.other, { detail: failure.message });
}

/** What a sign-in tells the learner: that it worked, and what this browser's own progress added. */
export function signedInText(labels: Labels, merged: ImportReport | null): string {
  if (!merged) return labels.signedIn;
  const added = merged.reviewLogs.added + merged.cardStates.added + merged.cardStates.updated + merged.quizzes.added;
  if (added === 0 && merged.reviewLogs.alreadyThere === 0) return `${labels.signedIn} ${labels.mergedNothing}`;
  return `${labels.signedIn} ${format(labels.merged, {
    reviews: merged.reviewLogs.added,
    reviewsKnown: merged.reviewLogs.alreadyThere,
    states: merged.cardStates.added,
    statesUpdated: merged.cardStates.updated,
    quizzes: merged.quizzes.added,
  })}`;
}
