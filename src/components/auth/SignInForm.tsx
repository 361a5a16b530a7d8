'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/client';
import { landingPath, messageForErrorCode, startBrowserSession } from './session';

/** Email and password; on success, lands in the default Workspace (operators without one: /ops). */
export function SignInForm({ initialErrorCode }: { initialErrorCode?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialErrorCode ? messageForErrorCode(initialErrorCode) : null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!email || !password) {
      setError('Enter your email and password.');
      return;
    }
    setBusy(true);
    setError(null);
    const refused = await startBrowserSession(email, password);
    if (refused) {
      setError(refused);
      setBusy(false);
      return;
    }
    try {
      router.replace(await landingPath());
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Signed in, but the portal could not be opened; reload the page.');
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-describedby={error ? 'signin-error' : undefined}>
      {error && (
        <p id="signin-error" className="form-error" role="alert">
          {error}
        </p>
      )}
      <label className="field">
        <span>Email</span>
        {/* biome-ignore lint/a11y/noAutofocus: the sign-in page has one task; the cursor starts where it begins. */}
        <input name="email" type="email" autoComplete="username" required autoFocus />
      </label>
      <label className="field">
        <span>Password</span>
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
