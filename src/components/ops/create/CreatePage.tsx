'use client';

import { useState } from 'react';
import { OpsPageHeader } from '../OpsPageHeader';
import type { UserChoice } from '../UserPicker';
import { AddMemberForm, CreateOrganizationForm, CreateUserForm, CreateWorkspaceForm } from './forms';

/** Creating the platform's objects by hand: organization, Workspace, user, membership. */
export function CreatePage() {
  // Each creation refreshes the pickers of the forms below it (a new organization, a new Workspace).
  const [generation, setGeneration] = useState(0);
  const [lastUser, setLastUser] = useState<UserChoice | null>(null);
  const bump = () => setGeneration((g) => g + 1);
  return (
    <>
      <OpsPageHeader title="Create" lead="New organizations, Workspaces, users and memberships, each checked by the API field by field." />
      <nav className="tabs" aria-label="Create">
        <a href="#create-organization-card">Organization</a>
        <a href="#create-workspace-card">Workspace</a>
        <a href="#create-user-card">User</a>
        <a href="#add-member-card">Membership</a>
      </nav>
      <CreateOrganizationForm onCreated={bump} />
      <CreateWorkspaceForm generation={generation} onCreated={bump} />
      <CreateUserForm onCreated={setLastUser} />
      <AddMemberForm generation={generation} lastUser={lastUser} />
    </>
  );
}
