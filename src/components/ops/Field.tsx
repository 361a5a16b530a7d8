import { type InputHTMLAttributes, type SelectHTMLAttributes, useId } from 'react';

/**
 * A labelled input with its hint and its error (the API's message for this field), wired for screen
 * readers (aria-invalid, aria-describedby).
 */
export function TextField({
  label,
  error,
  hint,
  className = 'field',
  ...input
}: { label: string; error?: string | null; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <label className={className}>
      <span>{label}</span>
      <input aria-invalid={!!error} aria-describedby={described} {...input} />
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </label>
  );
}

/** A labelled select with its error. */
export function SelectField({
  label,
  error,
  options,
  className = 'field',
  ...select
}: {
  label: string;
  error?: string | null;
  options: readonly { value: string; label: string }[];
} & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <label className={className}>
      <span>{label}</span>
      <select aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </label>
  );
}
