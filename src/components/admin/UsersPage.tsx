'use client';

import { type FormEvent, useId, useState } from 'react';
import {
  AddUserToWorkspaceDocument,
  type MemberItemFragment,
  RemoveUserFromWorkspaceDocument,
  type Role,
  SetUserRoleDocument,
  SetUserStatusDocument,
  WorkspaceUsersDocument,
} from '../api/generated/graphql';
import { fieldError, formError, useAction } from '../api/use-action';
import { type PagedList, usePagedList } from '../api/use-paged-list';
import { formatDate, roleLabel } from '../format';
import { EmptyState, ErrorNotice, Loading } from '../states';
import { StatusBadge } from '../ui/Badge';
import { ConfirmButton } from '../ui/ConfirmButton';
import { LoadMore } from '../ui/LoadMore';
import { PageHeader } from '../ui/PageHeader';
import { TableScroll } from '../ui/TableScroll';
import { useWorkspace } from '../workspace/context';
import { RequirePermission } from './AdminOnly';

const PAGE_SIZE = 50;

/** The roles an Administrator may give (SUPER_ADMIN is never assignable). */
const ASSIGNABLE_ROLES: readonly Role[] = ['ADMINISTRATOR', 'USER', 'OBSERVER'];

/** The Workspace's members: invite, change role, suspend or reactivate, remove (Administrators). */
export function UsersPage() {
  const ctx = useWorkspace();
  return (
    <>
      <PageHeader title="Users" workspaceName={ctx.workspace.name} lead="Who can enter this Workspace, with which role." />
      <RequirePermission permission="members:manage" what="manage this Workspace's users">
        <Members />
      </RequirePermission>
    </>
  );
}

function Members() {
  const ctx = useWorkspace();
  const list = usePagedList(WorkspaceUsersDocument, { first: PAGE_SIZE }, (d) => d.workspaceUsers, ctx.workspaceId);
  const [notice, setNotice] = useState<string | null>(null);
  const changed = (text: string) => {
    setNotice(text);
    list.reload();
  };
  return (
    <>
      <InviteForm onInvited={changed} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <MemberTable list={list} onChanged={changed} />
    </>
  );
}

function InviteForm({ onInvited }: { onInvited: (notice: string) => void }) {
  const ctx = useWorkspace();
  const id = useId();
  const [formKey, setFormKey] = useState(0);
  const action = useAction(async (email: string, role: Role) => {
    const { addUserToWorkspace: m } = await ctx.request(AddUserToWorkspaceDocument, { email, role });
    onInvited(
      m.status === 'INVITED'
        ? `${m.user.email} is invited as ${roleLabel(m.role)}; they get an email with an activation link.`
        : `${m.user.email} is now a member as ${roleLabel(m.role)}.`,
    );
    setFormKey((k) => k + 1);
  });
  const emailError = fieldError(action.error, 'email');
  const roleError = fieldError(action.error, 'role');
  const topError = formError(action.error, ['email', 'role']);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void action.run(String(form.get('email') ?? '').trim(), String(form.get('role')) as Role);
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Invite a user</h2>
      <p className="muted small">
        Someone already in a Workspace of this group joins at once; anyone else gets an email invitation to accept.
      </p>
      <form key={formKey} className="form form-row" onSubmit={submit} noValidate aria-label="Invite a user">
        <label className="field grow">
          <span>Email</span>
          <input
            name="email"
            type="email"
            autoComplete="off"
            required
            aria-invalid={!!emailError}
            aria-describedby={emailError ? `${id}-email-error` : undefined}
          />
          {emailError && (
            <small id={`${id}-email-error`} className="field-error" role="alert">
              {emailError}
            </small>
          )}
        </label>
        <label className="field">
          <span>Role</span>
          <select name="role" defaultValue="USER" aria-invalid={!!roleError}>
            {ASSIGNABLE_ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
          {roleError && (
            <small className="field-error" role="alert">
              {roleError}
            </small>
          )}
        </label>
        <button type="submit" className="button button-primary align-end" disabled={action.busy}>
          {action.busy ? 'Inviting…' : 'Invite'}
        </button>
      </form>
      {topError && (
        <p className="form-error" role="alert">
          {topError}
        </p>
      )}
    </section>
  );
}

function MemberTable({ list, onChanged }: { list: PagedList<MemberItemFragment>; onChanged: (notice: string) => void }) {
  if (list.state.status === 'loading') return <Loading label="Loading users…" />;
  if (list.state.status === 'error')
    return <ErrorNotice title="Users could not be loaded" message={list.state.error.message} onRetry={list.reload} />;
  if (list.nodes.length === 0) return <EmptyState title="No members yet">Invite someone above.</EmptyState>;
  return (
    <>
      <TableScroll label="Members" className="card table-card">
        <table className="table">
          <caption className="visually-hidden">Members</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Joined</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.nodes.map((m) => (
              <MemberRow key={m.user.id} member={m} onChanged={onChanged} />
            ))}
          </tbody>
        </table>
      </TableScroll>
      <LoadMore list={list} noun="members" />
    </>
  );
}

function MemberRow({ member, onChanged }: { member: MemberItemFragment; onChanged: (notice: string) => void }) {
  const ctx = useWorkspace();
  const [role, setRole] = useState<Role>(member.role);
  const action = useAction(async (run: () => Promise<string>) => onChanged(await run()));
  const isSelf = member.user.id === ctx.user.id;
  const isSuperAdmin = member.role === 'SUPER_ADMIN';
  const locked = isSelf || isSuperAdmin;
  const who = member.user.name || member.user.email;

  return (
    <tr>
      <th scope="row">
        {member.user.name}
        {isSelf && <span className="badge badge-default">You</span>}
      </th>
      <td>{member.user.email}</td>
      <td>
        {locked ? (
          roleLabel(member.role)
        ) : (
          <span className="inline-form">
            <select value={role} onChange={(e) => setRole(e.target.value as Role)} aria-label={`Role of ${who}`} disabled={action.busy}>
              {ASSIGNABLE_ROLES.map((r) => (
                <option key={r} value={r}>
                  {roleLabel(r)}
                </option>
              ))}
            </select>
            {role !== member.role && (
              <button
                type="button"
                className="button button-small button-primary"
                disabled={action.busy}
                onClick={() =>
                  void action.run(async () => {
                    await ctx.request(SetUserRoleDocument, { userId: member.user.id, role });
                    return `${who} is now ${roleLabel(role)}.`;
                  })
                }
              >
                Save role
              </button>
            )}
          </span>
        )}
      </td>
      <td>
        <StatusBadge status={member.status} />
      </td>
      <td className="small nowrap">{formatDate(member.joinedAt)}</td>
      <td>
        {locked ? (
          <span className="muted small">{isSelf ? 'Ask another Administrator' : 'Only ops can change the SuperAdmin'}</span>
        ) : (
          <div className="row-actions">
            {member.status === 'ACTIVE' && (
              <button
                type="button"
                className="button button-small"
                disabled={action.busy}
                aria-label={`Suspend ${who}`}
                onClick={() =>
                  void action.run(async () => {
                    await ctx.request(SetUserStatusDocument, { userId: member.user.id, status: 'SUSPENDED' });
                    return `${who} is suspended.`;
                  })
                }
              >
                Suspend
              </button>
            )}
            {member.status === 'SUSPENDED' && (
              <button
                type="button"
                className="button button-small"
                disabled={action.busy}
                aria-label={`Reactivate ${who}`}
                onClick={() =>
                  void action.run(async () => {
                    await ctx.request(SetUserStatusDocument, { userId: member.user.id, status: 'ACTIVE' });
                    return `${who} is active again.`;
                  })
                }
              >
                Reactivate
              </button>
            )}
            <ConfirmButton
              label="Remove"
              accessibleLabel={`Remove ${who}`}
              title={`Remove ${who} from ${ctx.workspace.name}?`}
              confirmLabel="Remove user"
              onConfirm={async () => {
                await ctx.request(RemoveUserFromWorkspaceDocument, { userId: member.user.id });
                onChanged(`${who} was removed from ${ctx.workspace.name}.`);
              }}
            >
              <p>They lose access to this Workspace at once. Their account and their other Workspaces stay.</p>
            </ConfirmButton>
          </div>
        )}
        {action.error && (
          <p className="form-error small" role="alert">
            {action.error.message}
          </p>
        )}
      </td>
    </tr>
  );
}
