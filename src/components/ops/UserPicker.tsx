'use client';

import { request } from '../api/client';
import { OpsUserChoicesDocument } from '../api/generated/graphql';
import { Combobox, type Matches } from '../ui/Combobox';

/** A user as the picker shows them; name and email are unknown for an id that came from a URL. */
export interface UserChoice {
  id: string;
  name?: string;
  email?: string;
}

const SHOWN = 20;

export function describeUser(user: UserChoice): string {
  if (user.name && user.email) return `${user.name} (${user.email})`;
  return user.name ?? user.email ?? `User ${user.id}`;
}

async function searchUsers(text: string): Promise<Matches<UserChoice>> {
  const { users } = await request(OpsUserChoicesDocument, { search: text, first: SHOWN });
  return { items: users.edges.map((e) => e.node), total: users.totalCount };
}

/**
 * Choosing one user of the platform: the generic Combobox searching email and name as one types. The
 * chosen id travels in a hidden input named `name`. A value given from outside (the user just created,
 * the actor of the URL) shows as the box's text.
 */
export function UserPicker({
  label,
  name,
  value,
  onChange,
  hint,
  error,
}: {
  label: string;
  name: string;
  value: UserChoice | null;
  onChange: (user: UserChoice | null) => void;
  hint?: string;
  error?: string | null;
}) {
  return (
    <Combobox
      label={label}
      name={name}
      value={value}
      onChange={onChange}
      search={searchUsers}
      describe={describeUser}
      renderItem={(user) => (
        <>
          <strong>{user.name}</strong> <span className="muted small">{user.email}</span>
        </>
      )}
      noun="user"
      placeholder="Type part of a name or email"
      hint={hint}
      error={error}
    />
  );
}
