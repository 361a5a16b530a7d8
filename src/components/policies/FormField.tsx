'use client';

import type { InputHTMLAttributes, ReactNode } from 'react';

/**
 * A labelled input with its hint and its error (the server's, or the form's own check), tied to it
 * for screen readers.
 */
export function FormField({
  id,
  label,
  hint,
  error,
  ...input
}: { id: string; label: ReactNode; hint?: string; error: string | null } & InputHTMLAttributes<HTMLInputElement>) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <label className="field">
      <span>{label}</span>
      <input id={id} aria-invalid={!!error} aria-describedby={described} {...input} />
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
