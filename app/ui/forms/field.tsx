import type { ReactNode } from "react";

export const inputClass =
  "w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm aria-invalid:border-red-600 disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900 dark:aria-invalid:border-red-500";

/** What a Field hands its control: its id, and its help and error to be read out with it. */
export type ControlProps = { id: string; "aria-describedby"?: string; "aria-invalid"?: true };

/** A labelled control with its help and its error, both read out with it (aria-describedby). */
export function Field({
  id,
  label,
  help,
  error,
  children,
  className = "",
}: {
  id: string;
  label: ReactNode;
  help?: ReactNode;
  error?: string;
  children: (props: ControlProps) => ReactNode;
  className?: string;
}) {
  const describedBy = [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`grid content-start gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      {help ? (
        <p id={`${id}-help`} className="text-xs text-zinc-600 dark:text-zinc-400">
          {help}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
