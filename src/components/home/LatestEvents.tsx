'use client';

import { History } from 'lucide-react';
import { FleetEventsDocument, type FleetEventsQuery } from '../api/generated/graphql';
import { usePagedList } from '../api/use-paged-list';
import { EmptyState, ErrorNotice, Loading } from '../states';
import { LoadMore } from '../ui/LoadMore';
import { useWorkspace } from '../workspace/context';
import { EventList } from './EventList';

const pickEvents = (data: FleetEventsQuery) => data.events;

/** The fleet's latest events (8 at a time); the SIM and device pages show their own. */
export function LatestEvents() {
  const { workspaceId } = useWorkspace();
  const list = usePagedList(FleetEventsDocument, { first: 8 }, pickEvents, workspaceId);
  return (
    <section className="card" aria-labelledby="home-events-title">
      <h2 id="home-events-title" className="home-card-title">
        <History size={18} aria-hidden="true" />
        Latest events
      </h2>
      {list.state.status === 'loading' && <Loading label="Loading events…" />}
      {list.state.status === 'error' && (
        <ErrorNotice title="Events could not be loaded" message={list.state.error.message} onRetry={list.reload} />
      )}
      {list.state.status === 'ready' &&
        (list.nodes.length === 0 ? (
          <EmptyState title="Nothing has happened yet">Register SIMs or create a device: each change shows up here.</EmptyState>
        ) : (
          <>
            <EventList events={list.nodes} workspaceId={workspaceId} label="Latest events" />
            <LoadMore list={list} noun="events" />
          </>
        ))}
    </section>
  );
}
