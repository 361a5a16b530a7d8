'use client';

import { useRouter } from 'next/navigation';
import type { ReactNode } from 'react';
import { can } from '@/auth/policy';
import type { ApiError } from '../api/client';
import {
  PoliciesCoveragePolicyDocument,
  PoliciesDeleteCoverageDocument,
  PoliciesDeleteServiceDocument,
  PoliciesServicePolicyDocument,
  PoliciesUpdateCoverageDocument,
  PoliciesUpdateServiceDocument,
} from '../api/generated/graphql';
import { useOperation } from '../api/use-operation';
import { formatDateTime } from '../format';
import { ErrorNotice, Loading } from '../states';
import { ItemBreadcrumb, ItemNotFound } from '../ui/ItemNotFound';
import { PageHeader } from '../ui/PageHeader';
import { SavedNotice, useEditing } from '../ui/use-editing';
import { useWorkspace } from '../workspace/context';
import { CoveragePolicyForm } from './CoveragePolicyForm';
import { DeletePolicyButton } from './DeletePolicyButton';
import { PolicyDevices } from './PolicyDevices';
import { dataLimitText, KIND_NOUN, listText, type PolicyKind, smsLimitText } from './policy-text';
import { ServicePolicyForm } from './ServicePolicyForm';
import './policies.css';

/** A service policy's page: its settings (editable by writers), its device count and the devices using it. */
export function ServicePolicyDetail({ policyId }: { policyId: string }) {
  const ctx = useWorkspace();
  const { state, reload } = useOperation(PoliciesServicePolicyDocument, { id: policyId }, { workspaceId: ctx.workspaceId });
  const policy = state.status === 'ready' ? state.data.servicePolicy : null;
  return (
    <PolicyFrame
      kind="service"
      state={state.status === 'error' ? { error: state.error } : state.status}
      policy={policy}
      reload={reload}
      onDelete={(id) => ctx.request(PoliciesDeleteServiceDocument, { id })}
      settings={
        policy && [
          ['Data', policy.dataEnabled ? 'Allowed' : 'Not allowed'],
          ['SMS', policy.smsEnabled ? 'Allowed' : 'Not allowed'],
          ['Monthly data limit', dataLimitText(policy.monthlyDataLimitMb)],
          ['Monthly SMS limit', smsLimitText(policy.monthlySmsLimit)],
        ]
      }
      renderForm={(close, saved) =>
        policy && (
          <ServicePolicyForm
            policy={policy}
            submitLabel="Save changes"
            onCancel={close}
            onSubmit={async (input) => {
              await ctx.request(PoliciesUpdateServiceDocument, { id: policy.id, input });
              saved();
            }}
          />
        )
      }
    />
  );
}

/** A coverage policy's page: its settings (editable by writers), its device count and the devices using it. */
export function CoveragePolicyDetail({ policyId }: { policyId: string }) {
  const ctx = useWorkspace();
  const { state, reload } = useOperation(PoliciesCoveragePolicyDocument, { id: policyId }, { workspaceId: ctx.workspaceId });
  const policy = state.status === 'ready' ? state.data.coveragePolicy : null;
  return (
    <PolicyFrame
      kind="coverage"
      state={state.status === 'error' ? { error: state.error } : state.status}
      policy={policy}
      reload={reload}
      onDelete={(id) => ctx.request(PoliciesDeleteCoverageDocument, { id })}
      settings={
        policy && [
          ['Countries', listText(policy.countries, 'Every country')],
          ['Networks', listText(policy.networks, 'Every network')],
          ['Data plan', policy.dataPlan ?? 'None'],
        ]
      }
      renderForm={(close, saved) =>
        policy && (
          <CoveragePolicyForm
            policy={policy}
            submitLabel="Save changes"
            onCancel={close}
            onSubmit={async (input) => {
              await ctx.request(PoliciesUpdateCoverageDocument, { id: policy.id, input });
              saved();
            }}
          />
        )
      }
    />
  );
}

interface FramePolicy {
  id: string;
  name: string;
  endpointCount: number;
  createdAt: string;
  updatedAt: string;
}

/** What both kinds of policy page share: states, header with Edit/Delete, settings, the devices. */
function PolicyFrame({
  kind,
  state,
  policy,
  reload,
  onDelete,
  settings,
  renderForm,
}: {
  kind: PolicyKind;
  state: 'loading' | 'ready' | { error: ApiError };
  policy: FramePolicy | null | undefined;
  reload: () => void;
  onDelete: (id: string) => Promise<unknown>;
  settings: [string, ReactNode][] | null | undefined;
  renderForm: (close: () => void, saved: () => void) => ReactNode;
}) {
  const ctx = useWorkspace();
  const router = useRouter();
  const edit = useEditing();
  const mayWrite = can(ctx.role, 'fleet:write');
  const listHref = `/w/${ctx.workspaceId}/policies`;
  const noun = KIND_NOUN[kind];

  if (state === 'loading') return <Loading label={`Loading ${noun}…`} />;
  if (typeof state === 'object' && state.error.code !== 'NOT_FOUND')
    return <ErrorNotice title={`The ${noun} could not be loaded`} message={state.error.message} onRetry={reload} />;
  if (!policy) {
    const title = `${noun.charAt(0).toUpperCase()}${noun.slice(1)} not found`;
    return (
      <ItemNotFound
        headingId="policy-not-found"
        title={title}
        workspaceName={ctx.workspace.name}
        listHref={listHref}
        backLabel="Back to policies"
      >
        There is no {noun} with this address in {ctx.workspace.name}. It may have been deleted, or it belongs to another Workspace.
      </ItemNotFound>
    );
  }

  return (
    <>
      <ItemBreadcrumb listHref={listHref} listLabel="Policies" current={policy.name} />
      <PageHeader
        title={policy.name}
        workspaceName={ctx.workspace.name}
        lead={`A ${noun}.`}
        actions={
          mayWrite && !edit.editing ? (
            <>
              <button type="button" className="button" onClick={edit.start}>
                Edit
              </button>
              <DeletePolicyButton
                kind={kind}
                policy={policy}
                className="button"
                onDelete={async () => {
                  await onDelete(policy.id);
                  router.push(listHref);
                }}
              />
            </>
          ) : null
        }
      />
      <SavedNotice shown={edit.saved} />
      <section className="card" aria-labelledby="policy-settings-title">
        <h2 id="policy-settings-title">{edit.editing ? 'Edit settings' : 'Settings'}</h2>
        {edit.editing ? (
          renderForm(edit.cancel, () => {
            edit.done();
            reload();
          })
        ) : (
          <dl className="details policy-details" aria-label="Policy settings">
            {(settings ?? []).map(([term, value]) => (
              <div key={term}>
                <dt>{term}</dt>
                <dd>{value}</dd>
              </div>
            ))}
            <div>
              <dt>Devices</dt>
              <dd>{policy.endpointCount}</dd>
            </div>
            <div>
              <dt>Last changed</dt>
              <dd>{formatDateTime(policy.updatedAt)}</dd>
            </div>
          </dl>
        )}
      </section>
      <PolicyDevices kind={kind} policyId={policy.id} count={policy.endpointCount} />
    </>
  );
}
