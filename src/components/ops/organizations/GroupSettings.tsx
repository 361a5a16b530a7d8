'use client';

import { type FormEvent, useState } from 'react';
import { request } from '../../api/client';
import { OpsAssignSuperAdminDocument, type OpsOrganizationPageQuery, OpsSetWorkspaceLimitDocument } from '../../api/generated/graphql';
import { fieldError, formError, useAction } from '../../api/use-action';
import { roleLabel } from '../../format';
import { Dialog } from '../../ui/Dialog';
import { Field } from './Field';

type Organization = NonNullable<OpsOrganizationPageQuery['organization']>;
type Changed = (notice: string) => void;

/** How many Workspaces the main organization may link; the server refuses a limit below the count. */
export function LimitForm({ org, onChanged }: { org: Organization; onChanged: Changed }) {
  const [value, setValue] = useState(String(org.workspaceLimit));
  const action = useAction(async (limit: number) => {
    const { setWorkspaceLimit } = await request(OpsSetWorkspaceLimitDocument, { mainOrganizationId: org.id, limit });
    onChanged(`${org.name} may now link ${setWorkspaceLimit.workspaceLimit} Workspaces.`);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(Number(value));
  };
  const top = formError(action.error, ['limit']);
  return (
    <section className="card" aria-labelledby="limit-title">
      <h2 id="limit-title">Workspace limit</h2>
      <form className="form form-row" onSubmit={submit} noValidate aria-label="Workspace limit">
        <Field
          label="Limit"
          error={fieldError(action.error, 'limit')}
          hint={`Now ${org.workspaceLimit}; ${org.linkedWorkspaceCount} linked.`}
        >
          {(props) => (
            <input
              {...props}
              type="number"
              min={0}
              max={1000}
              inputMode="numeric"
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button button-primary align-end" disabled={action.busy}>
          {action.busy ? 'Saving…' : 'Set limit'}
        </button>
      </form>
      {top && (
        <p className="form-error" role="alert">
          {top}
        </p>
      )}
    </section>
  );
}

/** The SuperAdmin: one of the active members of the organization's own Workspaces, behind a confirmation. */
export function SuperAdminCard({ org, onChanged }: { org: Organization; onChanged: Changed }) {
  const eligible = uniqueUsers(org.eligibleSuperAdmins ?? []).filter((m) => m.user.id !== org.superAdmin?.id);
  const [userId, setUserId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const chosen = eligible.find((m) => m.user.id === userId) ?? null;
  const action = useAction(async () => {
    if (!chosen) return;
    await request(OpsAssignSuperAdminDocument, { mainOrganizationId: org.id, userId: chosen.user.id });
    setConfirming(false);
    setUserId('');
    onChanged(`${chosen.user.name} is now the SuperAdmin of ${org.name}.`);
  });
  return (
    <section className="card" aria-labelledby="superadmin-title">
      <h2 id="superadmin-title">SuperAdmin</h2>
      <p>
        {org.superAdmin ? (
          <>
            <strong>{org.superAdmin.name}</strong> <span className="muted">({org.superAdmin.email})</span>
          </>
        ) : (
          <span className="muted">None yet: the longest-standing Administrator becomes SuperAdmin on the first link.</span>
        )}
      </p>
      {org.package !== 'PRO' ? (
        <p className="muted small">A SuperAdmin needs the Pro package.</p>
      ) : eligible.length === 0 ? (
        <p className="muted small">
          Nobody else is eligible: the SuperAdmin must be an active member of one of {org.name}’s own Workspaces.
        </p>
      ) : (
        <form
          className="form form-row"
          aria-label="Reassign the SuperAdmin"
          onSubmit={(event) => {
            event.preventDefault();
            if (chosen) setConfirming(true);
          }}
        >
          <Field label="New SuperAdmin" error={null} hint="Active members of this organization’s own Workspaces.">
            {(props) => (
              <select {...props} value={userId} onChange={(e) => setUserId(e.target.value)}>
                <option value="">Choose a member…</option>
                {eligible.map((m) => (
                  <option key={m.user.id} value={m.user.id}>
                    {m.user.name} ({m.user.email}), {roleLabel(m.role)} in {m.workspace.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="button button-primary align-end" disabled={!chosen}>
            Reassign…
          </button>
        </form>
      )}
      {confirming && chosen && (
        <Dialog title={`Make ${chosen.user.name} the SuperAdmin?`} onClose={() => !action.busy && setConfirming(false)}>
          <div className="dialog-body">
            <p>
              {chosen.user.name} gets SuperAdmin in every Workspace linked to {org.name} ({org.linkedWorkspaceCount} now, and any linked
              later) and cannot be removed from them.
            </p>
            {org.superAdmin && (
              <p>
                {org.superAdmin.name} stops being SuperAdmin: they keep only their own memberships, with the roles they hold there, and lose
                access to the linked Workspaces where they have none.
              </p>
            )}
          </div>
          {action.error && (
            <p className="form-error" role="alert">
              {action.error.message}
            </p>
          )}
          <div className="actions">
            <button type="button" className="button button-primary" disabled={action.busy} onClick={() => void action.run()}>
              {action.busy ? 'Working…' : 'Make SuperAdmin'}
            </button>
            <button type="button" className="button" disabled={action.busy} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

type Eligible = NonNullable<Organization['eligibleSuperAdmins']>[number];

/** One entry per person (their oldest membership): someone may be a member of several own Workspaces. */
function uniqueUsers(memberships: readonly Eligible[]): Eligible[] {
  const seen = new Map<string, Eligible>();
  for (const m of memberships) if (!seen.has(m.user.id)) seen.set(m.user.id, m);
  return [...seen.values()];
}
