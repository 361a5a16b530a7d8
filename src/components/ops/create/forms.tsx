'use client';

import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { request } from '../../api/client';
import {
  OpsAddMemberDocument,
  OpsCreateOrganizationDocument,
  OpsCreateUserDocument,
  OpsCreateWorkspaceDocument,
  OpsWorkspaceChoicesDocument,
  type Package,
  type Role,
} from '../../api/generated/graphql';
import { fieldError, formError, useAction } from '../../api/use-action';
import { useOperation } from '../../api/use-operation';
import { SelectField, TextField } from '../Field';
import { PACKAGE_OPTIONS } from '../requests/ApproveCreateDialog';
import { type UserChoice, UserPicker } from '../UserPicker';
import { WorkspacePicker } from '../WorkspacePicker';

type Values = (name: string) => string;
const valuesOf = (event: FormEvent<HTMLFormElement>): Values => {
  const form = new FormData(event.currentTarget);
  return (name) => String(form.get(name) ?? '').trim();
};

/** A card with one create form: its title, the success line, the error the API named no field for. */
function FormCard({
  id,
  title,
  lead,
  done,
  error,
  busy,
  submitLabel,
  onSubmit,
  children,
}: {
  id: string;
  title: string;
  lead: string;
  done: string | null;
  error: string | null;
  busy: boolean;
  submitLabel: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={id} id={`${id}-card`}>
      <h2 id={id}>{title}</h2>
      <p className="muted small">{lead}</p>
      <form className="form" onSubmit={onSubmit} noValidate aria-labelledby={id}>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {done && (
          <p className="notice" role="status">
            {done}
          </p>
        )}
        <div className="form-grid">{children}</div>
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Saving…' : submitLabel}
          </button>
        </div>
      </form>
    </section>
  );
}

const ORG_FIELDS = ['name', 'currency', 'package', 'vatRate', 'vatNumber', 'billingEmail', 'workspaceLimit'];

export function CreateOrganizationForm({ onCreated }: { onCreated: () => void }) {
  const [done, setDone] = useState<string | null>(null);
  const action = useAction(async (form: HTMLFormElement, input: Parameters<typeof createOrganization>[0]) => {
    const org = await createOrganization(input);
    setDone(`Organization ${org.name} (${org.currency}) created.`);
    form.reset();
    onCreated();
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    const v = valuesOf(event);
    void action.run(event.currentTarget, {
      name: v('name'),
      currency: v('currency').toUpperCase(),
      package: v('package') as Package,
      vatRate: v('vatRate') === '' ? null : Number(v('vatRate')),
      vatNumber: v('vatNumber') || null,
      billingEmail: v('billingEmail') || null,
      workspaceLimit: v('workspaceLimit') === '' ? null : Number(v('workspaceLimit')),
    });
  }
  const e = (f: string) => fieldError(action.error, f);
  return (
    <FormCard
      id="create-organization"
      title="Organization"
      lead="A billable entity: contract, currency, VAT, billing contact, package."
      done={done}
      error={formError(action.error, ORG_FIELDS)}
      busy={action.busy}
      submitLabel="Create organization"
      onSubmit={submit}
    >
      <TextField label="Name" name="name" required maxLength={200} error={e('name')} />
      <TextField label="Currency" name="currency" required placeholder="EUR" error={e('currency')} />
      <SelectField label="Package" name="package" defaultValue="PRO" options={PACKAGE_OPTIONS} error={e('package')} />
      <TextField label="VAT rate (%)" name="vatRate" inputMode="decimal" placeholder="0" error={e('vatRate')} />
      <TextField label="VAT number" name="vatNumber" maxLength={50} error={e('vatNumber')} />
      <TextField label="Billing email" name="billingEmail" type="email" error={e('billingEmail')} />
      <TextField label="Workspace limit" name="workspaceLimit" inputMode="numeric" placeholder="3" error={e('workspaceLimit')} />
    </FormCard>
  );
}

async function createOrganization(input: {
  name: string;
  currency: string;
  package: Package;
  vatRate: number | null;
  vatNumber: string | null;
  billingEmail: string | null;
  workspaceLimit: number | null;
}) {
  return (await request(OpsCreateOrganizationDocument, { input })).createOrganization;
}

export function CreateWorkspaceForm({ generation, onCreated }: { generation: number; onCreated: () => void }) {
  const orgs = useOperation(OpsWorkspaceChoicesDocument, {});
  const reloadOrgs = orgs.reload;
  useEffect(() => {
    if (generation > 0) reloadOrgs();
  }, [generation, reloadOrgs]);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction(async (form: HTMLFormElement, organizationId: string, name: string) => {
    const ws = (await request(OpsCreateWorkspaceDocument, { organizationId, name })).createWorkspace;
    setDone(`Workspace ${ws.name} created.`);
    form.reset();
    onCreated();
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    const v = valuesOf(event);
    void action.run(event.currentTarget, v('organizationId'), v('name'));
  }
  const options =
    orgs.state.status === 'ready' ? orgs.state.data.organizations.map((o) => ({ value: o.id, label: `${o.name} (${o.currency})` })) : [];
  return (
    <FormCard
      id="create-workspace"
      title="Workspace"
      lead="A space where a fleet is managed, owned and billed by one organization."
      done={done}
      error={formError(action.error, ['organizationId', 'name'])}
      busy={action.busy}
      submitLabel="Create Workspace"
      onSubmit={submit}
    >
      <SelectField
        label="Organization"
        name="organizationId"
        options={[{ value: '', label: orgs.state.status === 'loading' ? 'Loading…' : 'Choose an organization' }, ...options]}
        error={fieldError(action.error, 'organizationId')}
      />
      <TextField label="Name" name="name" required maxLength={200} error={fieldError(action.error, 'name')} />
    </FormCard>
  );
}

export function CreateUserForm({ onCreated }: { onCreated: (user: UserChoice) => void }) {
  const [done, setDone] = useState<string | null>(null);
  const action = useAction(async (form: HTMLFormElement, email: string, name: string, password: string) => {
    const user = (await request(OpsCreateUserDocument, { email, name, password })).createUser;
    setDone(`User ${user.email} created (id ${user.id}).`);
    form.reset();
    onCreated(user);
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    const v = valuesOf(event);
    void action.run(event.currentTarget, v('email'), v('name'), String(new FormData(event.currentTarget).get('password') ?? ''));
  }
  const e = (f: string) => fieldError(action.error, f);
  return (
    <FormCard
      id="create-user"
      title="User"
      lead="An active account with a password; give it a membership below."
      done={done}
      error={formError(action.error, ['email', 'name', 'password'])}
      busy={action.busy}
      submitLabel="Create user"
      onSubmit={submit}
    >
      <TextField label="Email" name="email" type="email" required error={e('email')} />
      <TextField label="Name" name="name" required maxLength={200} error={e('name')} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="10 to 200 characters"
        error={e('password')}
      />
    </FormCard>
  );
}

const ROLE_OPTIONS = [
  { value: 'ADMINISTRATOR', label: 'Administrator' },
  { value: 'USER', label: 'User' },
  { value: 'OBSERVER', label: 'Observer' },
] as const;

export function AddMemberForm({ generation, lastUser }: { generation: number; lastUser: UserChoice | null }) {
  const [workspaceId, setWorkspaceId] = useState<string | null>(null);
  // Prefilled with the user just created; the picker finds anyone else.
  const [user, setUser] = useState<UserChoice | null>(lastUser);
  useEffect(() => setUser(lastUser), [lastUser]);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction(async (userId: string, role: Role) => {
    if (!workspaceId) throw new Error('Choose the Workspace.');
    if (!userId) throw new Error('Choose the user.');
    const m = (await request(OpsAddMemberDocument, { workspaceId, userId, role })).addMember;
    setDone(`${m.user.email} is now ${m.role.toLowerCase()} of ${m.workspace.name}.`);
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    const v = valuesOf(event);
    void action.run(v('userId'), v('role') as Role);
  }
  return (
    <FormCard
      id="add-member"
      title="Membership"
      lead="Gives a user a role in a Workspace (an active membership)."
      done={done}
      error={formError(action.error, ['workspaceId', 'userId', 'role'])}
      busy={action.busy}
      submitLabel="Add membership"
      onSubmit={submit}
    >
      <div className="span-all" key={generation}>
        <WorkspacePicker label="Workspace" value={workspaceId} onChange={setWorkspaceId} error={fieldError(action.error, 'workspaceId')} />
      </div>
      <UserPicker
        label="User"
        name="userId"
        value={user}
        onChange={setUser}
        hint={lastUser && user?.id === lastUser.id ? 'The user just created' : undefined}
        error={fieldError(action.error, 'userId')}
      />
      <SelectField label="Role" name="role" defaultValue="USER" options={ROLE_OPTIONS} error={fieldError(action.error, 'role')} />
    </FormCard>
  );
}
