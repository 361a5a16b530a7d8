import type { FleetEventItemFragment } from '../api/generated/graphql';
import { enumLabel } from '../format';

/** What an event is about, and where its page is (null: nothing to open, e.g. it was deleted). */
export interface EventSubject {
  label: string;
  href: string | null;
}

const NOUNS: Record<string, string> = {
  endpoint: 'Device',
  sim: 'SIM',
  service_policy: 'Service policy',
  coverage_policy: 'Coverage policy',
  usage: 'Usage',
};

const VERBS: Record<string, string> = {
  created: 'created',
  updated: 'changed',
  deleted: 'deleted',
  registered: 'registered',
  recorded: 'recorded',
};

/** A value of the event's `data` ({ before, after }), read without trusting its shape. */
function dataField(data: unknown, side: 'before' | 'after', key: string): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const object = (data as Record<string, unknown>)[side];
  if (typeof object !== 'object' || object === null) return null;
  const value = (object as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : null;
}

/** The event's type in words: "SIM activated" when the status changed, else "Device changed", … */
export function eventTitle(event: Pick<FleetEventItemFragment, 'type' | 'data'>): string {
  const [kind = '', action = ''] = event.type.split('.');
  const noun = NOUNS[kind] ?? enumLabel(kind);
  const before = dataField(event.data, 'before', 'status');
  const after = dataField(event.data, 'after', 'status');
  if (action === 'updated' && after && before !== after) return `${noun} ${enumLabel(after).toLowerCase()}`;
  return `${noun} ${VERBS[action] ?? action.replace(/_/g, ' ')}`;
}

/** The object of the event, named as the lists name it, linked while it exists. */
export function eventSubject(event: FleetEventItemFragment, workspaceId: string): EventSubject | null {
  const base = `/w/${workspaceId}`;
  if (event.sim) return { label: `SIM ${event.sim.iccid}`, href: `${base}/sims/${event.sim.id}` };
  if (event.endpoint) return { label: event.endpoint.name, href: `${base}/devices/${event.endpoint.id}` };
  const [kind = '', action = ''] = event.type.split('.');
  const read = (key: string) => dataField(event.data, 'after', key) ?? dataField(event.data, 'before', key);
  if (kind === 'sim') return { label: `SIM ${read('iccid') ?? ''}`.trim(), href: null };
  const name = read('name');
  if (!name) return null;
  const id = read('id');
  const policyPath = kind === 'service_policy' ? 'service' : kind === 'coverage_policy' ? 'coverage' : null;
  const href = policyPath && id && action !== 'deleted' ? `${base}/policies/${policyPath}/${id}` : null;
  return { label: name, href };
}
