'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, useMemo, useState } from 'react';
import { AUDIT_ACTIONS } from '@/features/audit/actions';
import {
  type AuditEventFilter,
  OpsAuditEventsDocument,
  type OpsAuditEventsQuery,
  OpsWorkspaceChoicesDocument,
} from '../../api/generated/graphql';
import { useOperation } from '../../api/use-operation';
import { usePagedList } from '../../api/use-paged-list';
import { formatDateTime } from '../../format';
import { EmptyState, ErrorNotice, Loading } from '../../states';
import { AuditChange } from '../../ui/AuditChange';
import { LoadMore } from '../../ui/LoadMore';
import { TableScroll } from '../../ui/TableScroll';
import { SelectField, TextField } from '../Field';
import { OpsPageHeader } from '../OpsPageHeader';
import { type UserChoice, UserPicker } from '../UserPicker';

/** The URL's query parameters, one per filter, so a filtered log can be bookmarked and shared. */
const PARAMS = ['organization', 'workspace', 'actor', 'action', 'from', 'to'] as const;
type Param = (typeof PARAMS)[number];

type EventNode = OpsAuditEventsQuery['auditEvents']['edges'][number]['node'];
const pick = (data: OpsAuditEventsQuery) => data.auditEvents;

/** The platform's audit log (every event), filtered by organization, Workspace, actor, action and date. */
export function OpsAuditPage() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const values = useMemo(() => Object.fromEntries(PARAMS.map((p) => [p, params.get(p) ?? ''])) as Record<Param, string>, [params]);
  const filter = useMemo(() => toFilter(values), [values]);
  const list = usePagedList(OpsAuditEventsDocument, { first: 50, filter }, pick, '');

  const navigate = (next: Partial<Record<Param, string>>) => {
    const query = new URLSearchParams();
    for (const p of PARAMS) if (next[p]) query.set(p, next[p] as string);
    const search = query.toString();
    router.replace(search ? `${pathname}?${search}` : pathname);
  };
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    navigate(Object.fromEntries(PARAMS.map((p) => [p, String(form.get(p) ?? '').trim()])));
  }
  const active = PARAMS.some((p) => values[p]);
  const actor = useMemo(() => actorOf(values.actor, list.nodes), [values.actor, list.nodes]);

  return (
    <>
      <OpsPageHeader title="Audit log" lead="Every change on the platform: who did what, where and when." />
      <Filters key={params.toString()} values={values} actor={actor} onSubmit={submit} onReset={() => navigate({})} active={active} />
      {list.state.status === 'loading' && <Loading label="Loading the audit log…" />}
      {list.state.status === 'error' && (
        <ErrorNotice title="The audit log could not be loaded" message={list.state.error.message} onRetry={list.reload} />
      )}
      {list.state.status === 'ready' &&
        (list.nodes.length === 0 ? (
          <EmptyState title={active ? 'No event matches these filters' : 'Nothing recorded yet'}>
            {active ? 'Widen the date range or reset the filters.' : 'Changes on the platform appear here.'}
          </EmptyState>
        ) : (
          <>
            <EventTable events={list.nodes} onActor={(actor) => navigate({ ...values, actor })} />
            <LoadMore list={list} noun="events" />
          </>
        ))}
    </>
  );
}

/** From the URL's words to the API's filter: dates are whole local days. */
function toFilter(values: Record<Param, string>): AuditEventFilter | null {
  const filter: AuditEventFilter = {
    organizationId: values.organization || null,
    workspaceId: values.workspace || null,
    actorId: values.actor || null,
    actions: values.action ? [values.action] : null,
    from: values.from ? new Date(`${values.from}T00:00:00`).toISOString() : null,
    to: values.to ? new Date(`${values.to}T23:59:59.999`).toISOString() : null,
  };
  return Object.values(filter).some((v) => v !== null) ? filter : null;
}

/**
 * The URL holds only the actor's id: their name and email come from the events listed (all of them
 * that actor's), and the picker shows the bare id until those are there.
 */
function actorOf(actorId: string, events: readonly EventNode[]): UserChoice | null {
  if (!actorId) return null;
  const event = events.find((e) => e.actor?.id === actorId);
  return { id: actorId, name: event?.actor?.name, email: event?.actorEmail ?? undefined };
}

function Filters({
  values,
  actor,
  onSubmit,
  onReset,
  active,
}: {
  values: Record<Param, string>;
  actor: UserChoice | null;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  onReset: () => void;
  active: boolean;
}) {
  const choices = useOperation(OpsWorkspaceChoicesDocument, {});
  const [picked, setPicked] = useState<UserChoice | null | undefined>(undefined);
  // Until the operator picks (or clears), the actor is the URL's, described by the page.
  const chosenActor = picked === undefined ? actor : picked;
  // The selects take their value from the URL when they mount: only once their options are there.
  if (choices.state.status === 'loading') return <Loading label="Loading the filters…" />;
  const orgs = choices.state.status === 'ready' ? choices.state.data.organizations : [];
  const anyOption = { value: '', label: 'Any' };
  const organizationOptions = [anyOption, ...orgs.map((o) => ({ value: o.id, label: o.name }))];
  const workspaceOptions = [
    anyOption,
    ...orgs.flatMap((o) => (o.workspaces ?? []).map((w) => ({ value: w.id, label: `${w.name} (${o.name})` }))),
  ];
  const actionOptions = [anyOption, ...Object.values(AUDIT_ACTIONS).flatMap((actions) => actions.map((a) => ({ value: a, label: a })))];
  return (
    <form className="card filters-card" onSubmit={onSubmit} aria-label="Audit filters">
      <div className="filters">
        <SelectField label="Organization" name="organization" defaultValue={values.organization} options={organizationOptions} />
        <SelectField label="Workspace" name="workspace" defaultValue={values.workspace} options={workspaceOptions} />
        <UserPicker label="Actor" name="actor" value={chosenActor} onChange={setPicked} />
        <SelectField label="Action" name="action" defaultValue={values.action} options={actionOptions} />
        <TextField label="From" name="from" type="date" defaultValue={values.from} />
        <TextField label="To" name="to" type="date" defaultValue={values.to} />
      </div>
      <div className="actions">
        <button type="submit" className="button button-primary">
          Apply filters
        </button>
        {active && (
          <button type="button" className="button" onClick={onReset}>
            Reset
          </button>
        )}
      </div>
    </form>
  );
}

function EventTable({ events, onActor }: { events: EventNode[]; onActor: (actorId: string) => void }) {
  return (
    <TableScroll label="Audit events" className="card table-card">
      <table className="table">
        <caption className="visually-hidden">Audit events</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Action</th>
            <th scope="col">By</th>
            <th scope="col">Workspace</th>
            <th scope="col">Object</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td className="small nowrap">{formatDateTime(e.createdAt)}</td>
              <th scope="row" className="mono small">
                {e.action}
              </th>
              <td className="small">
                {e.actor ? (
                  <button
                    type="button"
                    className="link-button"
                    title="Show only this actor’s events"
                    onClick={() => onActor(e.actor?.id ?? '')}
                  >
                    {e.actor.name}
                  </button>
                ) : (
                  (e.actorEmail ?? <span className="muted">System</span>)
                )}
              </td>
              <td className="small">
                {e.workspace ? <Link href={`/w/${e.workspace.id}`}>{e.workspace.name}</Link> : <span className="muted">Platform</span>}
              </td>
              <td className="small">
                {e.targetType} <span className="mono muted">{e.targetId.slice(0, 8)}</span>
              </td>
              <td className="small">
                <AuditChange before={e.before} after={e.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
