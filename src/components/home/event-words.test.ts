import type { FleetEventItemFragment } from '../api/generated/graphql';
import { eventSubject, eventTitle } from './event-words';

/** How the home and SIM pages word a fleet event and which object they link. */

const event = (type: string, data: unknown, extra: Partial<FleetEventItemFragment> = {}): FleetEventItemFragment => ({
  id: '1',
  type,
  createdAt: '2026-12-08T03:00:00.000Z',
  data,
  sim: null,
  endpoint: null,
  ...extra,
});

describe('eventTitle', () => {
  it('names a status change by its new status', () => {
    expect(eventTitle(event('sim.updated', { before: { status: 'ACTIVATED' }, after: { status: 'SUSPENDED' } }))).toBe('SIM suspended');
    expect(eventTitle(event('endpoint.updated', { before: { status: 'ENABLED' }, after: { status: 'DISABLED' } }))).toBe('Device disabled');
    expect(eventTitle(event('sim.updated', { before: { status: 'FACTORY_TEST' }, after: { status: 'ACTIVATED' } }))).toBe('SIM activated');
  });

  it('says "changed" when the status stayed, and words the other actions', () => {
    expect(
      eventTitle(event('sim.updated', { before: { status: 'ISSUED', msisdn: null }, after: { status: 'ISSUED', msisdn: '+49' } })),
    ).toBe('SIM changed');
    expect(eventTitle(event('endpoint.updated', { before: { simId: 'a' }, after: { simId: null } }))).toBe('Device changed');
    expect(eventTitle(event('sim.registered', { before: null, after: { status: 'ISSUED' } }))).toBe('SIM registered');
    expect(eventTitle(event('service_policy.deleted', { before: { name: 'x' }, after: null }))).toBe('Service policy deleted');
    expect(eventTitle(event('coverage_policy.created', null))).toBe('Coverage policy created');
  });

  it('copes with data of any shape', () => {
    expect(eventTitle(event('endpoint.updated', 'not an object'))).toBe('Device changed');
    expect(eventTitle(event('endpoint.updated', { before: 3, after: [1] }))).toBe('Device changed');
    expect(eventTitle(event('something_new.happened', null))).toBe('Something new happened');
  });
});

describe('eventSubject', () => {
  const ws = 'w1';
  it('links the SIM or device while it exists', () => {
    expect(eventSubject(event('sim.updated', null, { sim: { id: 's1', iccid: '8949' } }), ws)).toEqual({
      label: 'SIM 8949',
      href: '/w/w1/sims/s1',
    });
    expect(eventSubject(event('endpoint.created', null, { endpoint: { id: 'e1', name: 'Truck' } }), ws)).toEqual({
      label: 'Truck',
      href: '/w/w1/devices/e1',
    });
  });

  it('names a deleted object from its data, without a link', () => {
    expect(eventSubject(event('endpoint.deleted', { before: { id: 'e1', name: 'Truck' }, after: null }), ws)).toEqual({
      label: 'Truck',
      href: null,
    });
    expect(eventSubject(event('service_policy.deleted', { before: { id: 'p1', name: 'Std' }, after: null }), ws)).toEqual({
      label: 'Std',
      href: null,
    });
  });

  it('links a policy to its page by the id in its data', () => {
    expect(
      eventSubject(event('coverage_policy.updated', { before: { id: 'p2', name: 'EU' }, after: { id: 'p2', name: 'EU+' } }), ws),
    ).toEqual({
      label: 'EU+',
      href: '/w/w1/policies/coverage/p2',
    });
    expect(eventSubject(event('coverage_policy.updated', 'garbage'), ws)).toBeNull();
  });
});
