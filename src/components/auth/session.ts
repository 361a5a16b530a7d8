'use client';

import { signIn, signOut } from 'next-auth/react';
import { request } from '../api/client';
import { LandingDocument } from '../api/generated/graphql';

/** Messages for the error codes next-auth itself puts in the URL (anything else gets the generic one). */
const KNOWN_ERRORS: Record<string, string> = {
  CredentialsSignin: 'Wrong email or password.',
  SessionRequired: 'Sign in to continue.',
  SessionEnded: 'Your session has ended; sign in again.',
  Configuration: 'Sign-in is not configured correctly on the server; contact the operator.',
};

/** A fixed message for an error code found in the page URL (never echoes the URL's own text). */
export function messageForErrorCode(code: string): string {
  return KNOWN_ERRORS[code] ?? 'Sign-in failed; try again.';
}

/**
 * Starts a browser session (next-auth Credentials: the same check as the API's signIn).
 * Returns null on success, else the message to show.
 */
export async function startBrowserSession(email: string, password: string): Promise<string | null> {
  try {
    const result = await signIn('credentials', { email, password, redirect: false });
    if (!result) return 'Sign-in failed; try again.';
    if (result.ok && !result.error) return null;
    // A refusal from the API (wrong password, no active Workspace, ...) arrives as its own message.
    return result.error ? (KNOWN_ERRORS[result.error] ?? result.error) : 'Sign-in failed; try again.';
  } catch {
    return 'Cannot reach the server; check your connection and try again.';
  }
}

/** Where the signed-in user lands: the default Workspace, or the ops console for an operator without one. */
export async function landingPath(): Promise<string> {
  const { viewer } = await request(LandingDocument, {});
  if (viewer.activeWorkspace) return `/w/${viewer.activeWorkspace.id}`;
  return viewer.isOperator ? '/ops' : '/signin';
}

/** Ends the browser session and shows the sign-in page (a full load, so no state of the session stays). */
export async function endBrowserSession(errorCode?: string): Promise<void> {
  try {
    await signOut({ redirect: false });
  } finally {
    window.location.assign(errorCode ? `/signin?error=${encodeURIComponent(errorCode)}` : '/signin');
  }
}
