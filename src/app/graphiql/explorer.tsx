'use client';

import 'graphiql/setup-workers/webpack';
import 'graphiql/style.css';
import './explorer.css';
import { GraphiQL } from 'graphiql';
import { type ComponentProps, type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { moveTabRolesToButtons } from './tab-roles';

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

const STORAGE_KEY = 'portal.graphiql.token';

const DEFAULT_QUERY = `# Paste an application token (or a session token from signIn) above, then run this query.
# The schema and its descriptions are in the Docs panel on the left.
query WhoAmI {
  viewer {
    user { email name }
    role
    activeWorkspace { name organization { currency } }
  }
}
`;

/**
 * GraphiQL against this portal's /api/graphql. The token is sent as `Authorization: Bearer <token>`;
 * without one, the browser's own portal session (if signed in) is used. The token stays in this tab
 * only (sessionStorage).
 */
export function Explorer() {
  const [draft, setDraft] = useState('');
  const [token, setToken] = useState('');
  const main = useRef<HTMLElement>(null);

  useEffect(() => (main.current ? moveTabRolesToButtons(main.current) : undefined), []);

  useEffect(() => {
    const saved = window.sessionStorage.getItem(STORAGE_KEY) ?? '';
    setDraft(saved);
    setToken(saved);
  }, []);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const value = draft.trim().replace(/^Bearer\s+/i, '');
    setToken(value);
    if (value) window.sessionStorage.setItem(STORAGE_KEY, value);
    else window.sessionStorage.removeItem(STORAGE_KEY);
  };

  const fetcher = useMemo<Fetcher>(
    () => async (params, options) => {
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
      for (const [name, value] of Object.entries(options?.headers ?? {}))
        if (typeof value === 'string') headers[name.toLowerCase()] = value;
      if (token) headers.authorization = `Bearer ${token}`;
      const response = await fetch('/api/graphql', { method: 'POST', headers, body: JSON.stringify(params), credentials: 'same-origin' });
      return response.json();
    },
    [token],
  );

  return (
    <div className="explorer">
      <header>
        <form className="explorer-bar" onSubmit={apply}>
          <a className="explorer-brand" href="/">
            IoT Connectivity Portal
          </a>
          <h1 className="explorer-title">API explorer</h1>
          <label className="explorer-token">
            <span>Token</span>
            <input
              type="password"
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              placeholder="iotp_… (application token) or a session token"
              autoComplete="off"
              spellCheck={false}
              aria-describedby="explorer-token-help"
            />
          </label>
          <button type="submit">Use token</button>
          <span id="explorer-token-help" className="explorer-help">
            {token ? 'Sent as Authorization: Bearer.' : 'No token: your portal session is used, if you are signed in.'}
          </span>
        </form>
      </header>
      <main className="explorer-main" ref={main}>
        {/* Remounted when the token changes, so the schema is loaded with the new credentials. */}
        <GraphiQL key={token || 'anonymous'} fetcher={fetcher} defaultQuery={DEFAULT_QUERY} />
      </main>
    </div>
  );
}
