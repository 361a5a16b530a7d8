'use client';

import { useCallback, useRef, useState } from 'react';
import { ApiError } from './client';

/** A user action calling the API: busy while it runs, the server's error (message and field) if it fails. */
export function useAction<TArgs extends unknown[], TResult>(action: (...args: TArgs) => Promise<TResult>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const latest = useRef(action);
  latest.current = action;

  const run = useCallback(async (...args: TArgs): Promise<TResult | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await latest.current(...args);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(e instanceof Error ? e.message : String(e), 'INTERNAL_SERVER_ERROR'));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);

  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, clear };
}

/** The error to show next to `field`, when the server named it. */
export function fieldError(error: ApiError | null, field: string): string | null {
  return error && error.field === field ? error.message : null;
}

/** The error to show at the top of a form: one the server named none of `fields` for. */
export function formError(error: ApiError | null, fields: readonly string[]): string | null {
  return error && !(error.field && fields.includes(error.field)) ? error.message : null;
}
