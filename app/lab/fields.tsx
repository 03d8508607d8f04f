import { Field, inputClass } from "@/app/ui/forms/field";

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
