'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useRef, useState } from 'react';
import { ApiError, request } from '../api/client';
import { AcceptInvitationDocument } from '../api/generated/graphql';
import { landingPath, startBrowserSession } from './session';

const PASSWORD_MIN = 10;
const PASSWORD_MAX = 200;

/**
 * Accepts an invitation, then signs in: a new account sets its password (and optionally its name); an
 * account that has a password already (`existing`) confirms it and keeps it.
 */
export function ActivateForm({ activationKey, existing = false }: { activationKey: string; existing?: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordInput = useRef<HTMLInputElement>(null);
  const errorId = useId();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const repeat = String(form.get('repeat') ?? '');
    if (existing && !password) {
      setError('Enter the password of your account.');
      return;
    }
    if (!existing && (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX)) {
      setError(`Choose a password of ${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`);
      return;
    }
    if (!existing && password !== repeat) {
      setError('The two passwords differ.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // No cookie: whoever else may be signed in in this browser must not get in the way.
      const { acceptInvitation } = await request(
        AcceptInvitationDocument,
        { activationKey, password, name: name || null },
        { anonymous: true },
      );
      const refused = await startBrowserSession(acceptInvitation.user.email, password);
      if (refused) throw new ApiError(`Your account is active, but signing in failed: ${refused}`, 'UNAUTHENTICATED');
      router.replace(await landingPath());
    } catch (e) {
      setError(messageFor(e, existing));
      setBusy(false);
      // A refused password is typed again: the cursor goes back to it, its old text selected.
      if (e instanceof ApiError && e.field === 'password') passwordInput.current?.select();
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      {error && (
        <p id={errorId} className="form-error" role="alert">
          {error}
        </p>
      )}
      {existing ? (
        <label className="field">
          <span>Your password</span>
          <input
            ref={passwordInput}
            name="password"
            type="password"
            autoComplete="current-password"
            maxLength={PASSWORD_MAX}
            required
            aria-describedby={error ? errorId : undefined}
          />
        </label>
      ) : (
        <>
          <label className="field">
            <span>Your name (optional)</span>
            <input name="name" type="text" autoComplete="name" maxLength={200} />
          </label>
          <label className="field">
            <span>New password</span>
            <input
              ref={passwordInput}
              name="password"
              type="password"
              autoComplete="new-password"
              minLength={PASSWORD_MIN}
              maxLength={PASSWORD_MAX}
              required
              aria-describedby={error ? errorId : undefined}
            />
            <small className="hint">At least {PASSWORD_MIN} characters.</small>
          </label>
          <label className="field">
            <span>Repeat password</span>
            <input name="repeat" type="password" autoComplete="new-password" required />
          </label>
        </>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? (existing ? 'Accepting…' : 'Activating…') : existing ? 'Accept invitation' : 'Activate account'}
      </button>
    </form>
  );
}

/**
 * What a failed acceptance tells the invitee. An existing account's refused password gets a plain
 * sentence of its own: the API's message is worded to also reach someone on the new-account form (a
 * link that lost its `account=existing`).
 */
function messageFor(e: unknown, existing: boolean): string {
  if (e instanceof ApiError && e.field === 'activationKey')
    return 'This invitation link is invalid or has expired. Ask an Administrator to invite you again.';
  if (existing && e instanceof ApiError && e.field === 'password')
    return 'Wrong password. Enter the password you sign in with; it stays as it is.';
  return e instanceof Error ? e.message : String(e);
}
