'use client';

import { type FormEvent, useId, useRef, useState } from 'react';
import { can } from '@/auth/policy';
import {
  ApplicationTokensDocument,
  CreateApplicationTokenDocument,
  RevokeApplicationTokenDocument,
  type TokenItemFragment,
} from '../api/generated/graphql';
import { fieldError, formError, useAction } from '../api/use-action';
import { type PagedList, usePagedList } from '../api/use-paged-list';
import { formatDate, formatDateTime } from '../format';
import { EmptyState, ErrorNotice, Loading } from '../states';
import { StatusBadge } from '../ui/Badge';
import { ConfirmButton } from '../ui/ConfirmButton';
import { LoadMore } from '../ui/LoadMore';
import { PageHeader } from '../ui/PageHeader';
import { TableScroll } from '../ui/TableScroll';
import { useWorkspace } from '../workspace/context';

/** Application tokens of the Workspace: one's own (Administrators: all); create, revoke. */
export function TokensPage() {
  const ctx = useWorkspace();
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ token: string; description: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = usePagedList(ApplicationTokensDocument, { first: 50, includeRevoked }, (d) => d.applicationTokens, ctx.workspaceId);
  const seesAll = can(ctx.role, 'tokens:manage');

  return (
    <>
      <PageHeader
        title="Application tokens"
        workspaceName={ctx.workspace.name}
        lead={
          seesAll
            ? 'Tokens let scripts call the API in this Workspace. As an Administrator you see and can revoke everyone’s.'
            : 'Tokens let your scripts call the API in this Workspace with your role. You see your own tokens.'
        }
        actions={
          !creating && !secret ? (
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                setCreating(true);
                setNotice(null);
              }}
            >
              Create token
            </button>
          ) : null
        }
      />
      {secret && <NewSecret secret={secret} onDone={() => setSecret(null)} />}
      {creating && (
        <CreateTokenForm
          onCancel={() => setCreating(false)}
          onCreated={(token, description) => {
            setCreating(false);
            setSecret({ token, description });
            list.reload();
          }}
        />
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <div className="toolbar">
        <label className="checkbox">
          <input type="checkbox" checked={includeRevoked} onChange={(e) => setIncludeRevoked(e.target.checked)} />
          Show revoked tokens
        </label>
      </div>
      <TokenTable
        list={list}
        seesAll={seesAll}
        onRevoked={(t) => {
          setNotice(`Token “${t.description}” (${t.prefix}…) is revoked.`);
          list.reload();
        }}
      />
    </>
  );
}

/** The secret of a token just created, shown this once, with a copy button. */
function NewSecret({ secret, onDone }: { secret: { token: string; description: string }; onDone: () => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret.token);
      setCopied('yes');
    } catch {
      // No clipboard access (e.g. not a secure context): select the text so Ctrl+C works.
      input.current?.select();
      setCopied('failed');
    }
  }

  return (
    <section className="card card-highlight" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Your new token: {secret.description}</h2>
      <p className="warning" role="alert">
        <strong>Copy it now: you will not see it again.</strong> We store only a fingerprint of it. If you lose it, revoke it and create
        another.
      </p>
      <div className="secret-row">
        <label htmlFor={`${id}-secret`} className="visually-hidden">
          Token secret
        </label>
        <input
          id={`${id}-secret`}
          ref={input}
          className="mono secret"
          readOnly
          value={secret.token}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="button button-primary" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p className="small muted" role="status">
        {copied === 'yes'
          ? 'Copied to the clipboard.'
          : copied === 'failed'
            ? 'Copying is not allowed here: the text is selected, press Ctrl+C (⌘C).'
            : ''}
      </p>
      <p className="small">
        Send it as <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
      <div className="actions">
        <button type="button" className="button" onClick={onDone}>
          I have stored it
        </button>
      </div>
    </section>
  );
}

/** The end of a chosen day in UTC, as the API's DateTime. */
const endOfDayUtc = (day: string) => `${day}T23:59:59.999Z`;

function CreateTokenForm({ onCreated, onCancel }: { onCreated: (token: string, description: string) => void; onCancel: () => void }) {
  const ctx = useWorkspace();
  const id = useId();
  const [missing, setMissing] = useState(false);
  const action = useAction(async (description: string, expiresAt: string | null, allowedIps: string[] | null) => {
    const { createApplicationToken } = await ctx.request(CreateApplicationTokenDocument, { description, expiresAt, allowedIps });
    onCreated(createApplicationToken.token, createApplicationToken.applicationToken.description);
  });
  const today = new Date().toISOString().slice(0, 10);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const description = String(form.get('description') ?? '').trim();
    if (!description) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const expires = String(form.get('expiresAt') ?? '').trim();
    const ips = String(form.get('allowedIps') ?? '')
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    void action.run(description, expires ? endOfDayUtc(expires) : null, ips.length ? ips : null);
  }

  const errors = {
    description: missing ? 'Describe what the token is for.' : fieldError(action.error, 'description'),
    expiresAt: fieldError(action.error, 'expiresAt'),
    allowedIps: fieldError(action.error, 'allowedIps'),
  };
  const topError = formError(action.error, ['description', 'expiresAt', 'allowedIps']);
  const err = (field: keyof typeof errors) =>
    errors[field] ? (
      <small id={`${id}-${field}-error`} className="field-error" role="alert">
        {errors[field]}
      </small>
    ) : null;

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Create a token</h2>
      <form className="form" onSubmit={submit} noValidate aria-label="Create a token">
        {topError && (
          <p className="form-error" role="alert">
            {topError}
          </p>
        )}
        <label className="field">
          <span>Description</span>
          <input
            name="description"
            maxLength={200}
            required
            aria-invalid={!!errors.description}
            aria-describedby={errors.description ? `${id}-description-error` : undefined}
          />
          {err('description')}
        </label>
        <label className="field field-narrow">
          <span>Expires (optional)</span>
          <input name="expiresAt" type="date" min={today} aria-invalid={!!errors.expiresAt} aria-describedby={`${id}-expires-hint`} />
          <small id={`${id}-expires-hint`} className="hint">
            It stops working at the end of that day (UTC). Empty: never expires.
          </small>
          {err('expiresAt')}
        </label>
        <label className="field">
          <span>Allowed IP addresses (optional)</span>
          <textarea
            name="allowedIps"
            rows={3}
            className="mono"
            spellCheck={false}
            aria-invalid={!!errors.allowedIps}
            aria-describedby={`${id}-ips-hint`}
          />
          <small id={`${id}-ips-hint`} className="hint">
            Addresses or CIDR ranges, one per line, e.g. 203.0.113.7 or 10.0.0.0/8. Empty: usable from anywhere.
          </small>
          {err('allowedIps')}
        </label>
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={action.busy}>
            {action.busy ? 'Creating…' : 'Create token'}
          </button>
          <button type="button" className="button" onClick={onCancel} disabled={action.busy}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

function TokenTable({
  list,
  seesAll,
  onRevoked,
}: {
  list: PagedList<TokenItemFragment>;
  seesAll: boolean;
  onRevoked: (token: TokenItemFragment) => void;
}) {
  const ctx = useWorkspace();
  if (list.state.status === 'loading') return <Loading label="Loading tokens…" />;
  if (list.state.status === 'error')
    return <ErrorNotice title="Tokens could not be loaded" message={list.state.error.message} onRetry={list.reload} />;
  if (list.nodes.length === 0)
    return <EmptyState title="No tokens">Create one for each script or integration, so you can revoke them one by one.</EmptyState>;
  return (
    <>
      <TableScroll label="Application tokens" className="card table-card">
        <table className="table">
          <caption className="visually-hidden">Application tokens</caption>
          <thead>
            <tr>
              <th scope="col">Prefix</th>
              <th scope="col">Description</th>
              <th scope="col">Created by</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.nodes.map((t) => {
              const mine = t.createdBy.id === ctx.user.id;
              const mayRevoke = t.status !== 'REVOKED' && (mine || seesAll);
              return (
                <tr key={t.id}>
                  <th scope="row" className="mono nowrap">
                    {t.prefix}…
                  </th>
                  <td>
                    {t.description}
                    {t.allowedIps.length > 0 && <div className="small muted">Only from {t.allowedIps.join(', ')}</div>}
                  </td>
                  <td className="small">{mine ? 'You' : t.createdBy.name}</td>
                  <td className="small nowrap">{formatDate(t.createdAt)}</td>
                  <td className="small">{t.expiresAt ? formatDateTime(t.expiresAt) : 'Never'}</td>
                  <td className="small">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never'}</td>
                  <td>
                    <StatusBadge status={t.status} />
                  </td>
                  <td>
                    {mayRevoke ? (
                      <ConfirmButton
                        label="Revoke"
                        accessibleLabel={`Revoke token ${t.description}`}
                        title={`Revoke “${t.description}”?`}
                        confirmLabel="Revoke token"
                        onConfirm={async () => {
                          await ctx.request(RevokeApplicationTokenDocument, { id: t.id });
                          onRevoked(t);
                        }}
                      >
                        <p>Scripts using the token {t.prefix}… stop working at once. This cannot be undone.</p>
                      </ConfirmButton>
                    ) : (
                      <span className="muted small">—</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <LoadMore list={list} noun="tokens" />
    </>
  );
}
