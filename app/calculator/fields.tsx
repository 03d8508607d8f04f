"use client";

import type { ReactNode } from "react";
import { Field, inputClass } from "@/app/ui/forms/field";
import { type FieldError } from "@/lib/calculator/tensor";
import { format, type CalculatorMessages } from "@/lib/i18n";

/** The translated text for an error, falling back to the engine's own English message. */
export function errorText(error: FieldError, messages: CalculatorMessages): string {
  const template = messages.errors[error.code as keyof CalculatorMessages["errors"]];
  return template ? format(template, { ...error.params, message: error.message }) : error.message;
}

export function TextField({
  id,
  label,
  value,
  onChange,
  help,
  error,
  multiline = false,
  inputMode,
  placeholder,
  className,
}: {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  help?: ReactNode;
  error?: string;
  multiline?: boolean;
  inputMode?: "decimal" | "numeric" | "text";
  placeholder?: string;
  className?: string;
}) {
  return (
    <Field id={id} label={label} help={help} error={error} className={className}>
      {(props) =>
        multiline ? (
          <textarea
            {...props}
            value={value}
            onChange={(event) => onChange(event.target.value)}
            rows={3}
            spellCheck={false}
            placeholder={placeholder}
            className={`${inputClass} resize-y font-mono`}
          />
        ) : (
          <input
            {...props}
            type="text"
            value={value}
            onChange={(event) => onChange(event.target.value)}
            inputMode={inputMode}
            spellCheck={false}
            autoComplete="off"
            placeholder={placeholder}
            className={`${inputClass} font-mono`}
          />
        )
      }
    </Field>
  );
}

export function SelectField<T extends string>({
  id,
  label,
  value,
  options,
  onChange,
  className,
}: {
  id: string;
  label: ReactNode;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  className?: string;
}) {
  return (
    <Field id={id} label={label} className={className}>
      {(props) => (
        <select {...props} value={value} onChange={(event) => onChange(event.target.value as T)} className={inputClass}>
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

/** A radio group drawn as a segmented control. */
export function Choice<T extends string>({
  name,
  legend,
  value,
  options,
  onChange,
}: {
  name: string;
  legend: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
}) {
  return (
    <fieldset className="grid content-start gap-1">
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      <div className="flex flex-wrap gap-1 rounded-lg bg-zinc-100 p-1 dark:bg-zinc-900">
        {options.map((option) => (
          <label
            key={option.value}
            className="relative rounded-md px-3 py-1.5 text-sm text-zinc-700 has-checked:bg-white has-checked:font-medium has-checked:text-zinc-900 has-checked:shadow-xs has-focus-visible:outline-3 has-focus-visible:outline-accent-500 dark:text-zinc-300 dark:has-checked:bg-zinc-700 dark:has-checked:text-white"
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              className="absolute inset-0 size-full cursor-pointer appearance-none rounded-md opacity-0"
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function Flags({ legend, flags }: { legend: string; flags: { id: string; label: string; checked: boolean; onChange: (checked: boolean) => void }[] }) {
  return (
    <fieldset className="grid content-start gap-1">
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {flags.map((flag) => (
          <label key={flag.id} htmlFor={flag.id} className="flex items-center gap-2 font-mono text-sm">
            <input
              id={flag.id}
              type="checkbox"
              checked={flag.checked}
              onChange={(event) => flag.onChange(event.target.checked)}
              className="size-4 accent-accent-600"
            />
            {flag.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
