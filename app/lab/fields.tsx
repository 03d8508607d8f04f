import type { ReactNode } from "react";

export const inputClass =
  "w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm aria-invalid:border-red-600 disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900 dark:aria-invalid:border-red-500";

/** A labelled control with its help and its error, both read out with it (aria-describedby). */
export function Field({
  id,
  label,
  help,
  error,
  children,
}: {
  id: string;
  label: string;
  help?: string;
  error?: string;
  children: (props: { id: string; "aria-describedby"?: string; "aria-invalid"?: true }) => ReactNode;
}) {
  const describedBy = [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="grid content-start gap-1">
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

export function TextField({
  id,
  label,
  value,
  onChange,
  help,
  error,
  inputMode = "decimal",
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  help?: string;
  error?: string;
  inputMode?: "decimal" | "numeric" | "text";
}) {
  return (
    <Field id={id} label={label} help={help} error={error}>
      {(props) => (
        <input
          {...props}
          type="text"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          inputMode={inputMode}
          spellCheck={false}
          autoComplete="off"
          className={`${inputClass} font-mono`}
        />
      )}
    </Field>
  );
}

export function SelectField({
  id,
  label,
  value,
  options,
  onChange,
  help,
  error,
  disabled = false,
}: {
  id: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
  help?: string;
  error?: string;
  disabled?: boolean;
}) {
  const known = options.some((option) => option.value === value);
  return (
    <Field id={id} label={label} help={help} error={error}>
      {(props) => (
        <select {...props} value={value} disabled={disabled} onChange={(event) => onChange(event.target.value)} className={inputClass}>
          {/* A value from a link that is not an option stays visible, next to its error. */}
          {known ? null : <option value={value}>{value}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
