import type { AuthOptions, User } from 'next-auth';
import { getServerSession } from 'next-auth/next';
import CredentialsProvider from 'next-auth/providers/credentials';
import { handleGraphQL } from '../graphql/handler';
import { CLIENT_ADDRESS_HEADER } from '../server/client-ip';
import { getRuntime, type Runtime } from '../server/runtime';
import { resolveAuthSecret } from './secret';

/** Browser sessions last as long as API session tokens (src/auth/session-token.ts). */
export const BROWSER_SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * Headers worth passing on to the in-process API call: the client address the server stamped on the
 * browser's request (src/server/peer-address.ts), so the sign-in throttle counts the real address,
 * and the user agent. Never X-Forwarded-For: the browser could write anything there.
 */
const FORWARDED_HEADERS = [CLIENT_ADDRESS_HEADER, 'user-agent'] as const;

const SIGN_IN = `mutation BrowserSignIn($email: String!, $password: String!) {
  signIn(email: $email, password: $password) { user { id email name } }
}`;

interface SignInResponse {
  data?: { signIn: { user: { id: string; email: string; name: string } } } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Why a browser sign-in was refused; the message is the API's own, safe to show. */
export class BrowserSignInError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'BrowserSignInError';
  }
}

/**
 * Checks an email and password exactly as the GraphQL `signIn` mutation does, by running that
 * mutation in-process through the real handler: same password check, same "no active Workspace"
 * refusal (operators excepted), same messages. Returns the user, or throws BrowserSignInError.
 */
export async function verifyBrowserSignIn(
  email: string,
  password: string,
  headers: Record<string, unknown> = {},
  runtime?: Runtime,
): Promise<User> {
  const forwarded: Record<string, string> = { 'content-type': 'application/json' };
  for (const name of FORWARDED_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string' && value) forwarded[name] = value;
  }
  const request = new Request('http://internal/api/graphql', {
    method: 'POST',
    headers: forwarded,
    body: JSON.stringify({ query: SIGN_IN, variables: { email, password }, operationName: 'BrowserSignIn' }),
  });
  const response = await handleGraphQL(request, runtime ?? (await getRuntime()));
  const body = (await response.json()) as SignInResponse;
  const error = body.errors?.[0];
  if (error || !body.data) {
    throw new BrowserSignInError(error?.message ?? 'Sign-in failed; try again.', error?.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  }
  const { user } = body.data.signIn;
  return { id: user.id, email: user.email, name: user.name };
}

let cached: AuthOptions | null = null;

/**
 * next-auth's configuration (built on first use, not at import, so `next build` needs no secret).
 */
export function authOptions(): AuthOptions {
  cached ??= buildAuthOptions(resolveAuthSecret());
  return cached;
}

/**
 * One Credentials provider backed by the API's signIn, JWT sessions whose `sub` is the user id
 * (src/graphql/credentials.ts decodes the same cookie, with the same secret, for /api/graphql).
 */
export function buildAuthOptions(secret: string, runtime?: Runtime): AuthOptions {
  return {
    secret,
    session: { strategy: 'jwt', maxAge: BROWSER_SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: {
          email: { label: 'Email', type: 'email' },
          password: { label: 'Password', type: 'password' },
        },
        // A thrown error's message reaches the sign-in page as `error` (next-auth passes it through).
        authorize: async (credentials, req) =>
          verifyBrowserSignIn(credentials?.email ?? '', credentials?.password ?? '', req.headers ?? {}, runtime),
      }),
    ],
    callbacks: {
      jwt: ({ token, user }) => (user ? { ...token, sub: user.id } : token),
      session: ({ session, token }) => ({ ...session, userId: token.sub }),
    },
  };
}

/** The signed-in browser session in a server component or route, or null. */
export async function currentBrowserSession(): Promise<{ userId: string } | null> {
  const session = await getServerSession(authOptions());
  const userId = (session as { userId?: unknown } | null)?.userId;
  return typeof userId === 'string' && userId ? { userId } : null;
}
