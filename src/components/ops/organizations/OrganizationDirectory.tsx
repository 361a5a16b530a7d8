'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo, useState } from 'react';
import { OpsOrganizationDirectoryDocument, type OpsOrganizationRowFragment } from '../../api/generated/graphql';
import { useOperation } from '../../api/use-operation';
import { packageLabel } from '../../format';
import { EmptyState, ErrorNotice, Loading } from '../../states';
import { TableScroll } from '../../ui/TableScroll';
import { StandingCell } from './StandingCell';
import { isMainOrganization, standingOf } from './standing';

const PAGE_SIZE = 25;

/**
 * Every organization, searchable by its name or a Workspace's, shown a page at a time. `organizations`
 * is a plain list by contract (docs/api.md: short, bounded lists): the platform has hundreds of
 * organizations, not millions, so the list is filtered and paged here; a server-side connection is
 * for when that stops being true.
 */
export function OrganizationDirectory() {
  const { state, reload } = useOperation(OpsOrganizationDirectoryDocument, {});
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const search = params.get('q') ?? '';
  const [shown, setShown] = useState(PAGE_SIZE);

  const setSearch = (value: string) => {
    setShown(PAGE_SIZE);
    const next = new URLSearchParams(params.toString());
    if (value) next.set('q', value);
    else next.delete('q');
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };

  const all = state.status === 'ready' ? state.data.organizations : null;
  const matching = useMemo(() => (all ? all.filter((org) => matches(org, search)) : []), [all, search]);

  return (
    <>
      <header className="page-header">
        <title>Organizations · Ops console · IoT Portal</title>
        <h1>Organizations</h1>
        <p className="muted">Every billable organization, whether it is a main organization, and where its Workspaces are linked.</p>
      </header>
      <search className="toolbar">
        <label className="field field-inline">
          <span>Search organizations</span>
          <input type="search" value={search} placeholder="Organization or Workspace name" onChange={(e) => setSearch(e.target.value)} />
        </label>
        {search && (
          <button type="button" className="button button-small" onClick={() => setSearch('')}>
            Reset
          </button>
        )}
      </search>
      {state.status === 'loading' && <Loading label="Loading organizations…" />}
      {state.status === 'error' && <ErrorNotice title="Organizations could not be loaded" message={state.error.message} onRetry={reload} />}
      {all && all.length === 0 && <EmptyState title="No organizations yet">Create one under Create.</EmptyState>}
      {all && all.length > 0 && matching.length === 0 && (
        <EmptyState title={`No organization matches “${search}”`}>Try part of the name, or reset the search.</EmptyState>
      )}
      {matching.length > 0 && <DirectoryTable organizations={matching.slice(0, shown)} />}
      {all && all.length > 0 && (
        <div className="load-more">
          <p className="muted small" aria-live="polite">
            Showing {Math.min(shown, matching.length)} of {matching.length} organizations
            {search ? ` matching “${search}” (${all.length} in all)` : ''}
          </p>
          {shown < matching.length && (
            <button type="button" className="button button-small" onClick={() => setShown((n) => n + PAGE_SIZE)}>
              Load more
            </button>
          )}
        </div>
      )}
    </>
  );
}

function matches(org: OpsOrganizationRowFragment, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  return [org.name, ...(org.workspaces ?? []).map((w) => w.name)].some((name) => name.toLowerCase().includes(needle));
}

function DirectoryTable({ organizations }: { organizations: OpsOrganizationRowFragment[] }) {
  return (
    <TableScroll label="Organizations" className="card table-card">
      <table className="table">
        <caption className="visually-hidden">Organizations</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Package</th>
            <th scope="col">Currency</th>
            <th scope="col">Main organization</th>
            <th scope="col" className="num">
              Workspaces
            </th>
            <th scope="col">Linked / limit</th>
          </tr>
        </thead>
        <tbody>
          {organizations.map((org) => {
            const standing = standingOf(org);
            return (
              <tr key={org.id}>
                <th scope="row">
                  <Link href={`/ops/organizations/${org.id}`}>{org.name}</Link>
                </th>
                <td>{packageLabel(org.package)}</td>
                <td>{org.currency}</td>
                <td>{isMainOrganization(standing) ? 'Yes' : 'No'}</td>
                <td className="num">{org.workspaces?.length ?? 0}</td>
                <td>
                  <StandingCell standing={standing} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
