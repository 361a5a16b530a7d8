'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { ErrorNotice, Loading } from '../states';
import { endBrowserSession, landingPath } from './session';

/** For a signed-in visitor of "/": opens their default Workspace (or the ops console). */
export function Landing() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger (a new value asks again).
  useEffect(() => {
    let cancelled = false;
    landingPath().then(
      (path) => {
        if (!cancelled) router.replace(path);
      },
      (e: unknown) => {
        if (cancelled) return;
        if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') void endBrowserSession('SessionEnded');
        else setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [router, attempt]);

  return (
    <main className="centered">
      {error ? (
        <ErrorNotice
          message={error}
          onRetry={() => {
            setError(null);
            setAttempt((a) => a + 1);
          }}
        />
      ) : (
        <Loading label="Opening your Workspace…" />
      )}
    </main>
  );
}
