'use client';

import { Plus } from 'lucide-react';
import Link from 'next/link';
import { type ReactNode, useState } from 'react';
import { can } from '@/auth/policy';
import {
  type CoveragePolicyItemFragment,
  PoliciesCoverageListDocument,
  type PoliciesCoverageListQuery,
  PoliciesCreateCoverageDocument,
  PoliciesCreateServiceDocument,
  PoliciesDeleteCoverageDocument,
  PoliciesDeleteServiceDocument,
  PoliciesServiceListDocument,
  type PoliciesServiceListQuery,
  type ServicePolicyItemFragment,
} from '../api/generated/graphql';
import { type PagedList, usePagedList } from '../api/use-paged-list';
import { EmptyState, ErrorNotice, Loading } from '../states';
import { LoadMore } from '../ui/LoadMore';
import { PageHeader } from '../ui/PageHeader';
import { useWorkspace } from '../workspace/context';
import { CoveragePolicyForm } from './CoveragePolicyForm';
import { DeletePolicyButton } from './DeletePolicyButton';
import { dataLimitText, deviceCountText, listText, policyHref, smsLimitText } from './policy-text';
import { ServicePolicyForm } from './ServicePolicyForm';
import './policies.css';

const PAGE_SIZE = 25;
const pickService = (d: PoliciesServiceListQuery) => d.servicePolicies;
const pickCoverage = (d: PoliciesCoverageListQuery) => d.coveragePolicies;

/** Service and coverage policies of the Workspace, each section with its total, "Load more" and a form to create one. */
export function PoliciesPage() {
  const ctx = useWorkspace();
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title="Policies"
        workspaceName={ctx.workspace.name}
        lead="Service policies set what devices may do (data, SMS, monthly limits); coverage policies set where they may connect."
      />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ServiceSection onNotice={setNotice} />
      <CoverageSection onNotice={setNotice} />
    </>
  );
}

function ServiceSection({ onNotice }: { onNotice: (message: string) => void }) {
  const ctx = useWorkspace();
  const list = usePagedList(PoliciesServiceListDocument, { first: PAGE_SIZE }, pickService, ctx.workspaceId);
  return (
    <PolicySection
      title="Service policies"
      noun="service policies"
      list={list}
      emptyHint="Create one to decide whether devices may use data and SMS, and how much a month."
      renderForm={(close) => (
        <ServicePolicyForm
          submitLabel="Create service policy"
          onCancel={close}
          onSubmit={async (input) => {
            const { createServicePolicy } = await ctx.request(PoliciesCreateServiceDocument, { input });
            close();
            onNotice(`Service policy ${createServicePolicy.name} created.`);
            list.reload();
          }}
        />
      )}
      head={['Name', 'Data', 'SMS', 'Devices']}
      renderRow={(p: ServicePolicyItemFragment) => [
        p.dataEnabled ? dataLimitText(p.monthlyDataLimitMb) : 'Off',
        p.smsEnabled ? smsLimitText(p.monthlySmsLimit) : 'Off',
        deviceCountText(p.endpointCount),
      ]}
      kind="service"
      onDelete={async (p) => {
        await ctx.request(PoliciesDeleteServiceDocument, { id: p.id });
        onNotice(`Service policy ${p.name} deleted.`);
        list.reload();
      }}
    />
  );
}

function CoverageSection({ onNotice }: { onNotice: (message: string) => void }) {
  const ctx = useWorkspace();
  const list = usePagedList(PoliciesCoverageListDocument, { first: PAGE_SIZE }, pickCoverage, ctx.workspaceId);
  return (
    <PolicySection
      title="Coverage policies"
      noun="coverage policies"
      list={list}
      emptyHint="Create one to decide in which countries and networks devices may connect."
      renderForm={(close) => (
        <CoveragePolicyForm
          submitLabel="Create coverage policy"
          onCancel={close}
          onSubmit={async (input) => {
            const { createCoveragePolicy } = await ctx.request(PoliciesCreateCoverageDocument, { input });
            close();
            onNotice(`Coverage policy ${createCoveragePolicy.name} created.`);
            list.reload();
          }}
        />
      )}
      head={['Name', 'Countries', 'Networks', 'Devices']}
      renderRow={(p: CoveragePolicyItemFragment) => [
        listText(p.countries, 'Every country'),
        listText(p.networks, 'Every network'),
        deviceCountText(p.endpointCount),
      ]}
      kind="coverage"
      onDelete={async (p) => {
        await ctx.request(PoliciesDeleteCoverageDocument, { id: p.id });
        onNotice(`Coverage policy ${p.name} deleted.`);
        list.reload();
      }}
    />
  );
}

interface Policy {
  id: string;
  name: string;
  endpointCount: number;
}

/** One kind of policy: heading with the total, the create form (writers), the table and "Load more". */
function PolicySection<T extends Policy>({
  title,
  noun,
  kind,
  list,
  emptyHint,
  renderForm,
  head,
  renderRow,
  onDelete,
}: {
  title: string;
  noun: string;
  kind: 'service' | 'coverage';
  list: PagedList<T>;
  emptyHint: string;
  renderForm: (close: () => void) => ReactNode;
  head: string[];
  renderRow: (policy: T) => ReactNode[];
  onDelete: (policy: T) => Promise<void>;
}) {
  const ctx = useWorkspace();
  const mayWrite = can(ctx.role, 'fleet:write');
  const [creating, setCreating] = useState(false);
  const headingId = `policies-${kind}-title`;
  const ready = list.state.status === 'ready';
  return (
    <section className="card policy-section" aria-labelledby={headingId}>
      <div className="policy-section-head">
        <h2 id={headingId}>
          {title} {ready && <span className="muted policy-total">({list.totalCount})</span>}
        </h2>
        {mayWrite && !creating && (
          <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
            <Plus size={16} aria-hidden="true" />
            New {kind} policy
          </button>
        )}
      </div>
      {creating && <div className="policy-create">{renderForm(() => setCreating(false))}</div>}
      {list.state.status === 'loading' && <Loading label={`Loading ${noun}…`} />}
      {list.state.status === 'error' && (
        <ErrorNotice title={`The ${noun} could not be loaded`} message={list.state.error.message} onRetry={list.reload} />
      )}
      {ready && list.nodes.length === 0 && (
        <EmptyState title={`No ${noun} yet`}>
          {mayWrite ? emptyHint : 'An Administrator or a User of this Workspace can create one.'}
        </EmptyState>
      )}
      {ready && list.nodes.length > 0 && (
        <>
          <div className="table-scroll">
            <table className="table policy-table">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  {head.map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                  {mayWrite && (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {list.nodes.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link href={policyHref(ctx.workspaceId, kind, p.id)}>{p.name}</Link>
                    </th>
                    {renderRow(p).map((cell, i) => (
                      <td key={head[i + 1]} data-label={head[i + 1]}>
                        {cell}
                      </td>
                    ))}
                    {mayWrite && (
                      <td className="row-actions">
                        <DeletePolicyButton kind={kind} policy={p} onDelete={() => onDelete(p)} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore list={list as PagedList<unknown>} noun={noun} />
        </>
      )}
    </section>
  );
}
