'use client';

import Link from 'next/link';
import { useState } from 'react';
import { request } from '../../api/client';
import {
  OpsLinkWorkspaceDocument,
  type OpsOrganizationPageQuery,
  type OpsOrganizationRowFragment,
  OpsPreviewLinkDocument,
  OpsPreviewUnlinkDocument,
  OpsUnlinkWorkspaceDocument,
  type OpsWorkspaceLinkFragment,
} from '../../api/generated/graphql';
import { formatDate } from '../../format';
import { EmptyState } from '../../states';
import { TableScroll } from '../../ui/TableScroll';
import { ImpactDialog } from './ImpactPreview';
import { linkedTo, unlinkedWorkspaces } from './standing';

type Organization = NonNullable<OpsOrganizationPageQuery['organization']>;
type Changed = (notice: string) => void;

/** The Workspaces the organization owns, and for each the main organization it is linked to. */
export function OwnWorkspaces({ org, onChanged }: { org: Organization; onChanged: Changed }) {
  const owned = org.workspaces ?? [];
  return (
    <section className="card" aria-labelledby="own-workspaces">
      <h2 id="own-workspaces">Its Workspaces</h2>
      {owned.length === 0 ? (
        <EmptyState title="No Workspaces yet">Create one under Create, for this organization.</EmptyState>
      ) : (
        <TableScroll label="Its Workspaces table" className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Its Workspaces</caption>
            <thead>
              <tr>
                <th scope="col">Workspace</th>
                <th scope="col">Linked to</th>
                <th scope="col">Created</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {owned.map((w) => (
                <tr key={w.id}>
                  <th scope="row">{w.name}</th>
                  <td>
                    {w.mainOrganization ? (
                      <Link href={`/ops/organizations/${w.mainOrganization.id}`}>{w.mainOrganization.name}</Link>
                    ) : (
                      <span className="muted">Not linked</span>
                    )}
                  </td>
                  <td className="nowrap">{formatDate(w.createdAt)}</td>
                  <td>{w.mainOrganization && <UnlinkButton workspace={w} onChanged={onChanged} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

/** The Workspaces linked to this organization as main organization (count / limit), unlink and link. */
export function LinkedWorkspaces({
  org,
  all,
  onChanged,
}: {
  org: Organization;
  all: readonly OpsOrganizationRowFragment[];
  onChanged: Changed;
}) {
  const linked = linkedTo(org.id, all);
  return (
    <section className="card" aria-labelledby="linked-workspaces">
      <h2 id="linked-workspaces">Linked Workspaces</h2>
      <p>
        <strong>
          {linked.length} / {org.workspaceLimit}
        </strong>{' '}
        <span className="muted">linked to {org.name} as main organization (count / limit).</span>
      </p>
      {linked.length > 0 && (
        <TableScroll label="Linked Workspaces table" className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Linked Workspaces</caption>
            <thead>
              <tr>
                <th scope="col">Workspace</th>
                <th scope="col">Owned by</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {linked.map((w) => (
                <tr key={w.id}>
                  <th scope="row">{w.name}</th>
                  <td>
                    <Link href={`/ops/organizations/${w.organization.id}`}>{w.organization.name}</Link>
                  </td>
                  <td>
                    <UnlinkButton workspace={w} onChanged={onChanged} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {org.package === 'PRO' ? (
        <LinkForm org={org} candidates={unlinkedWorkspaces(all)} onChanged={onChanged} />
      ) : (
        <p className="muted small">Linking Workspaces needs the Pro package (see Billing terms).</p>
      )}
    </section>
  );
}

function UnlinkButton({ workspace, onChanged }: { workspace: OpsWorkspaceLinkFragment; onChanged: Changed }) {
  const [open, setOpen] = useState(false);
  const main = workspace.mainOrganization;
  if (!main) return null;
  return (
    <>
      <button
        type="button"
        className="button button-small button-danger"
        aria-label={`Unlink ${workspace.name}`}
        onClick={() => setOpen(true)}
      >
        Unlink…
      </button>
      {open && (
        <ImpactDialog
          title={`Unlink ${workspace.name} from ${main.name}?`}
          verb="Unlink"
          load={async () => (await request(OpsPreviewUnlinkDocument, { workspaceId: workspace.id })).previewUnlinkWorkspace}
          onClose={() => setOpen(false)}
          onConfirm={async () => {
            await request(OpsUnlinkWorkspaceDocument, { workspaceId: workspace.id });
            setOpen(false);
            onChanged(`${workspace.name} is no longer linked to ${main.name}.`);
          }}
        />
      )}
    </>
  );
}

/** Find a Workspace linked nowhere (by its name or its organization's), preview the link, confirm. */
function LinkForm({ org, candidates, onChanged }: { org: Organization; candidates: OpsWorkspaceLinkFragment[]; onChanged: Changed }) {
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<OpsWorkspaceLinkFragment | null>(null);
  const needle = search.trim().toLowerCase();
  const found = needle
    ? candidates.filter((w) => w.name.toLowerCase().includes(needle) || w.organization.name.toLowerCase().includes(needle)).slice(0, 10)
    : [];
  return (
    <div className="link-form">
      <h3>Link a Workspace</h3>
      <label className="field">
        <span>Find a Workspace to link</span>
        <input type="search" value={search} placeholder="Workspace or organization name" onChange={(e) => setSearch(e.target.value)} />
      </label>
      {needle && found.length === 0 && <p className="muted small">No unlinked Workspace matches “{search}”.</p>}
      {found.length > 0 && (
        <ul className="link-candidates" aria-label="Workspaces that can be linked">
          {found.map((w) => (
            <li key={w.id}>
              <span>
                <strong>{w.name}</strong> <span className="muted small">({w.organization.name})</span>
              </span>
              <button type="button" className="button button-small" aria-label={`Link ${w.name}`} onClick={() => setChosen(w)}>
                Link…
              </button>
            </li>
          ))}
        </ul>
      )}
      {chosen && (
        <ImpactDialog
          title={`Link ${chosen.name} to ${org.name}?`}
          verb="Link"
          load={async () =>
            (await request(OpsPreviewLinkDocument, { mainOrganizationId: org.id, workspaceId: chosen.id })).previewLinkWorkspace
          }
          onClose={() => setChosen(null)}
          onConfirm={async () => {
            await request(OpsLinkWorkspaceDocument, { mainOrganizationId: org.id, workspaceId: chosen.id });
            setChosen(null);
            setSearch('');
            onChanged(`${chosen.name} is now linked to ${org.name}.`);
          }}
        />
      )}
    </div>
  );
}
