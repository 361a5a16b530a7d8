'use client';

import Link from 'next/link';
import { useState } from 'react';
import { OpsOrganizationPageDocument } from '../../api/generated/graphql';
import { useOperation } from '../../api/use-operation';
import { packageLabel } from '../../format';
import { EmptyState, ErrorNotice, Loading } from '../../states';
import { BillingTermsForm, IssueInvoices, PriceLists } from './Billing';
import { Notice } from './Field';
import { LimitForm, SuperAdminCard } from './GroupSettings';
import { StandingCell } from './StandingCell';
import { isMainOrganization, standingOf } from './standing';
import { LinkedWorkspaces, OwnWorkspaces } from './WorkspaceSections';

/** One organization for ops: its Workspaces, its group (linked Workspaces, limit, SuperAdmin), billing. */
export function OrganizationPage({ id }: { id: string }) {
  const { state, reload } = useOperation(OpsOrganizationPageDocument, { id });
  const [notice, setNotice] = useState<string | null>(null);
  // Every action reloads the page's one query: counts, links, SuperAdmin and prices change together.
  const changed = (text: string) => {
    setNotice(text);
    reload();
  };

  if (state.status === 'loading') return <Loading label="Loading the organization…" />;
  if (state.status === 'error')
    return <ErrorNotice title="The organization could not be loaded" message={state.error.message} onRetry={reload} />;
  const org = state.data.organization;
  if (!org) {
    return (
      <EmptyState title="Organization not found">
        It may have been removed. <Link href="/ops/organizations">Back to organizations</Link>
      </EmptyState>
    );
  }
  const standing = standingOf(org);
  return (
    <>
      <header className="page-header page-header-row">
        <title>{`${org.name} · Ops console · IoT Portal`}</title>
        <div>
          <nav className="breadcrumb" aria-label="Breadcrumb">
            <Link href="/ops/organizations">Organizations</Link> / {org.name}
          </nav>
          <h1>{org.name}</h1>
          <p className="muted">
            <span className="pill pill-info">{packageLabel(org.package)}</span>{' '}
            <span className={isMainOrganization(standing) ? 'pill pill-ok' : 'pill pill-neutral'}>
              {isMainOrganization(standing) ? 'Main organization' : 'Not a main organization'}
            </span>{' '}
            {org.currency} · <StandingCell standing={standing} />
          </p>
        </div>
      </header>
      <Notice text={notice} />
      <OwnWorkspaces org={org} onChanged={changed} />
      <LinkedWorkspaces org={org} all={state.data.organizations} onChanged={changed} />
      {org.package === 'PRO' && <LimitForm key={`limit-${org.workspaceLimit}`} org={org} onChanged={changed} />}
      <SuperAdminCard org={org} onChanged={changed} />
      <BillingTermsForm org={org} onChanged={changed} />
      <PriceLists org={org} onChanged={changed} />
      <IssueInvoices onChanged={changed} />
    </>
  );
}
