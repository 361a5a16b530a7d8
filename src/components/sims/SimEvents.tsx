'use client';

import { useEffect, useRef } from 'react';
import { FleetEventsDocument, type FleetEventsQuery } from '../api/generated/graphql';
import { usePagedList } from '../api/use-paged-list';
import { EventList } from '../home/EventList';
import { EmptyState, ErrorNotice, Loading } from '../states';
import { LoadMore } from '../ui/LoadMore';
import { useWorkspace } from '../workspace/context';

const pickEvents = (data: FleetEventsQuery) => data.events;

/** What happened to this SIM, newest first, 10 at a time; asked again when `version` changes. */
export function SimEvents({ simId, version }: { simId: string; version: number }) {
  const { workspaceId } = useWorkspace();
  const list = usePagedList(FleetEventsDocument, { first: 10, filter: { simId } }, pickEvents, workspaceId);
  const seen = useRef(version);
  const { reload } = list;
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    reload();
  }, [version, reload]);
  return (
    <section className="card" aria-labelledby="sim-events-title">
      <h2 id="sim-events-title">Events</h2>
      {list.state.status === 'loading' && <Loading label="Loading events…" />}
      {list.state.status === 'error' && (
        <ErrorNotice title="Events could not be loaded" message={list.state.error.message} onRetry={list.reload} />
      )}
      {list.state.status === 'ready' &&
        (list.nodes.length === 0 ? (
          <EmptyState title="No events yet">Changes to this SIM will show up here.</EmptyState>
        ) : (
          <>
            <EventList events={list.nodes} workspaceId={workspaceId} label="SIM events" ownHref={`/w/${workspaceId}/sims/${simId}`} />
            <LoadMore list={list} noun="events" />
          </>
        ))}
    </section>
  );
}
