'use client';

import { AuditEventsDocument, type AuditItemFragment } from '../api/generated/graphql';
import { usePagedList } from '../api/use-paged-list';
import { formatDateTime } from '../format';
import { EmptyState, ErrorNotice, Loading } from '../states';
import { AuditChange } from '../ui/AuditChange';
import { LoadMore } from '../ui/LoadMore';
import { PageHeader } from '../ui/PageHeader';
import { TableScroll } from '../ui/TableScroll';
import { useWorkspace } from '../workspace/context';
import { RequirePermission } from './AdminOnly';

/** Who changed what in the Workspace, newest first (Administrators). */
export function AuditPage() {
  const ctx = useWorkspace();
  return (
    <>
      <PageHeader
        title="Audit log"
        workspaceName={ctx.workspace.name}
        lead="Every change in this Workspace: who did what, when, with the state before and after."
      />
      <RequirePermission permission="audit:read" what="read the audit log">
        <AuditTable />
      </RequirePermission>
    </>
  );
}

function AuditTable() {
  const ctx = useWorkspace();
  const list = usePagedList(AuditEventsDocument, { first: 50 }, (d) => d.auditEvents, ctx.workspaceId);
  if (list.state.status === 'loading') return <Loading label="Loading the audit log…" />;
  if (list.state.status === 'error')
    return <ErrorNotice title="The audit log could not be loaded" message={list.state.error.message} onRetry={list.reload} />;
  if (list.nodes.length === 0)
    return <EmptyState title="Nothing recorded yet">Changes to users, tokens and the fleet appear here.</EmptyState>;
  return (
    <>
      <TableScroll label="Audit events" className="card table-card">
        <table className="table">
          <caption className="visually-hidden">Audit events</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Action</th>
              <th scope="col">By</th>
              <th scope="col">Object</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {list.nodes.map((e) => (
              <AuditRow key={e.id} event={e} />
            ))}
          </tbody>
        </table>
      </TableScroll>
      <LoadMore list={list} noun="events" />
    </>
  );
}

function AuditRow({ event }: { event: AuditItemFragment }) {
  return (
    <tr>
      <td className="small nowrap">{formatDateTime(event.createdAt)}</td>
      <th scope="row" className="mono small">
        {event.action}
      </th>
      <td className="small">{event.actor?.name ?? event.actorEmail ?? <span className="muted">System</span>}</td>
      <td className="small">
        {event.targetType} <span className="mono muted">{event.targetId.slice(0, 8)}</span>
      </td>
      <td className="small">
        <AuditChange before={event.before} after={event.after} />
      </td>
    </tr>
  );
}
