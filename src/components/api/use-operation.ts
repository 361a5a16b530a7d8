'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, operationName, type RequestOptions, request, type TypedDocument } from './client';

export type OperationState<TData> = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; data: TData };

/**
 * Runs a query when the component mounts, and again when its variables or Workspace change (showing
 * the loading state) or `reload` is called (keeping the current data on screen until the answer).
 * Variables are compared by value, so callers may pass a fresh object literal on each render.
 */
export function useOperation<TData, TVariables>(
  document: TypedDocument<TData, TVariables>,
  variables: TVariables,
  options: Omit<RequestOptions, 'signal'> = {},
): { state: OperationState<TData>; reload: () => void } {
  const [state, setState] = useState<OperationState<TData>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(variables);
  const { workspaceId = null, anonymous = false } = options;
  const identity = `${workspaceId ?? ''}|${anonymous}|${operationName(document)}|${key}`;
  const shown = useRef<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is the reload trigger (a new value asks again).
  useEffect(() => {
    const controller = new AbortController();
    if (shown.current !== identity) setState({ status: 'loading' });
    shown.current = identity;
    request(document, JSON.parse(key) as TVariables, { workspaceId, anonymous, signal: controller.signal }).then(
      (data) => setState({ status: 'ready', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'error', error: error instanceof ApiError ? error : new ApiError(String(error), 'NETWORK') });
      },
    );
    return () => controller.abort();
  }, [document, key, workspaceId, anonymous, identity, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, reload };
}
