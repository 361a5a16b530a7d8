'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useDebounced } from './use-debounced';

/**
 * A list's filters and sort kept in the page's URL, so a filtered list can be bookmarked, shared and
 * reloaded, and back/forward step through the choices. `set` pushes a history entry (a filter picked)
 * or replaces the current one (text being typed); an empty value drops its parameter.
 */
export function useListParams<K extends string>(keys: readonly K[]) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();

  const get = useCallback((key: K): string => params.get(key) ?? '', [params]);
  const set = useCallback(
    (patch: Partial<Record<K, string>>, mode: 'push' | 'replace' = 'push') => {
      // The address bar, not the rendered params: two quick changes must not undo each other.
      const next = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(patch) as [K, string | undefined][]) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      const query = next.toString();
      const url = query ? `${pathname}?${query}` : pathname;
      if (mode === 'replace') router.replace(url, { scroll: false });
      else router.push(url, { scroll: false });
    },
    [pathname, router],
  );
  const reset = useCallback(() => router.push(pathname, { scroll: false }), [pathname, router]);
  const filtered = keys.some((key) => params.has(key));
  return { get, set, reset, filtered };
}

/**
 * A text box bound to a URL parameter: what is typed goes to the URL (replacing the entry) once
 * typing pauses; a value arriving from the URL (back/forward, reset, a link) shows in the box.
 */
export function useUrlText(value: string, commit: (text: string) => void): [string, (text: string) => void] {
  const [text, setText] = useState(value);
  const settled = useDebounced(text.trim());
  const committed = useRef(value);
  const commitRef = useRef(commit);
  commitRef.current = commit;

  useEffect(() => {
    if (value === committed.current) return;
    committed.current = value;
    setText(value);
  }, [value]);
  useEffect(() => {
    if (settled === committed.current) return;
    committed.current = settled;
    commitRef.current(settled);
  }, [settled]);
  return [text, setText];
}

/** The value of `value` if it is one of `allowed`, else `fallback` (a hand-edited URL shows the default). */
export function oneOf<T extends string>(value: string, allowed: readonly T[], fallback: T): T;
export function oneOf<T extends string>(value: string, allowed: readonly T[]): T | '';
export function oneOf<T extends string>(value: string, allowed: readonly T[], fallback: T | '' = ''): T | '' {
  return (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}
