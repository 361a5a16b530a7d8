'use client';

import { useId, useMemo, useState } from 'react';
import { OpsWorkspaceChoicesDocument } from '../api/generated/graphql';
import { useOperation } from '../api/use-operation';
import { ErrorNotice, Loading } from '../states';

export interface WorkspaceChoice {
  id: string;
  name: string;
  organizationName: string;
  currency: string;
  linkedTo: string | null;
}

const SHOWN = 30;

/**
 * Choosing one Workspace of the platform: a search box over Workspace and organization names, the
 * matches as radio buttons (arrow keys move between them). `disabledReason` greys out those that
 * cannot be chosen and says why.
 */
export function WorkspacePicker({
  label,
  value,
  onChange,
  error,
  disabledReason,
}: {
  label: string;
  value: string | null;
  onChange: (id: string) => void;
  error?: string | null;
  disabledReason?: (choice: WorkspaceChoice) => string | null;
}) {
  const id = useId();
  const { state, reload } = useOperation(OpsWorkspaceChoicesDocument, {});
  const [query, setQuery] = useState('');
  const all = useMemo<WorkspaceChoice[]>(
    () =>
      state.status === 'ready'
        ? state.data.organizations.flatMap((org) =>
            (org.workspaces ?? []).map((w) => ({
              id: w.id,
              name: w.name,
              organizationName: org.name,
              currency: org.currency,
              linkedTo: w.mainOrganization?.name ?? null,
            })),
          )
        : [],
    [state],
  );
  if (state.status === 'loading') return <Loading label="Loading Workspaces…" />;
  if (state.status === 'error')
    return <ErrorNotice title="Workspaces could not be loaded" message={state.error.message} onRetry={reload} />;

  const needle = query.trim().toLowerCase();
  const matches = all.filter((w) => !needle || `${w.name} ${w.organizationName}`.toLowerCase().includes(needle));
  return (
    <fieldset className="radio-group workspace-picker" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{label}</legend>
      <label className="field">
        <span>Search Workspaces</span>
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Workspace or organization name" />
      </label>
      <p className="muted small" aria-live="polite">
        {matches.length === 0
          ? 'No Workspace matches.'
          : `${matches.length} match${matches.length === 1 ? '' : 'es'}${matches.length > SHOWN ? `, first ${SHOWN} shown` : ''}`}
      </p>
      <ul className="picker-list">
        {matches.slice(0, SHOWN).map((w) => {
          const reason = disabledReason?.(w) ?? null;
          return (
            <li key={w.id}>
              <label className="checkbox">
                <input
                  type="radio"
                  name={`${id}-workspace`}
                  value={w.id}
                  checked={value === w.id}
                  disabled={!!reason}
                  onChange={() => onChange(w.id)}
                />
                <span>
                  <strong>{w.name}</strong>{' '}
                  <span className="muted small">
                    {w.organizationName} · {w.currency}
                    {reason ? ` · ${reason}` : ''}
                  </span>
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}
