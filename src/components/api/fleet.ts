import type { EndpointOrder, EndpointStatus, SimOrder, SimStatus } from '@/graphql/generated/resolvers-types';
import { operation } from './client';
import { type Connection, PAGE_FIELDS } from './connection';

export type { EndpointOrder, EndpointStatus, SimOrder, SimStatus };

/** Home page: how many SIMs and devices the Workspace has. */
export const FLEET_COUNTS = operation<{ sims: { totalCount: number }; endpoints: { totalCount: number } }>(`
query FleetCounts { sims(first: 1) { totalCount } endpoints(first: 1) { totalCount } }`);

export interface UsageTotals {
  bytesUp: number;
  bytesDown: number;
  smsSent: number;
  smsReceived: number;
  cost: number;
  currency: string;
}

const USAGE_FIELDS = 'startDate endDate bytesUp bytesDown smsSent smsReceived cost currency';

export interface EndpointListItem {
  id: string;
  name: string;
  status: EndpointStatus;
  imei: string | null;
  tags: string[];
  sim: { id: string; iccid: string } | null;
  usage: UsageTotals & { startDate: string; endDate: string };
}

export interface EndpointListVariables {
  first: number;
  after: string | null;
  filter: { search?: string; status?: EndpointStatus[]; tag?: string } | null;
  orderBy: EndpointOrder;
}

export const ENDPOINTS = operation<{ endpoints: Connection<EndpointListItem> }, EndpointListVariables>(`
query Endpoints($first: Int, $after: String, $filter: EndpointFilter, $orderBy: EndpointOrder) {
  endpoints(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    ${PAGE_FIELDS}
    edges { cursor node { id name status imei tags sim { id iccid } usage { ${USAGE_FIELDS} } } }
  }
}`);

export interface EndpointDetail {
  id: string;
  name: string;
  status: EndpointStatus;
  imei: string | null;
  ipAddress: string | null;
  tags: string[];
  sim: { id: string; iccid: string; status: SimStatus; msisdn: string | null } | null;
  servicePolicy: { id: string; name: string } | null;
  coveragePolicy: { id: string; name: string } | null;
  usage: UsageTotals & { startDate: string; endDate: string };
  createdAt: string;
  updatedAt: string;
}

const ENDPOINT_DETAIL_FIELDS = `id name status imei ipAddress tags
  sim { id iccid status msisdn } servicePolicy { id name } coveragePolicy { id name }
  usage { ${USAGE_FIELDS} } createdAt updatedAt`;

export const ENDPOINT = operation<{ endpoint: EndpointDetail | null }, { id: string }>(`
query Endpoint($id: ID!) { endpoint(id: $id) { ${ENDPOINT_DETAIL_FIELDS} } }`);

export interface DailyUsagePoint {
  date: string;
  bytesUp: number;
  bytesDown: number;
  smsSent: number;
  smsReceived: number;
  cost: number;
}

export const DAILY_FIELDS = 'date bytesUp bytesDown smsSent smsReceived cost';

/** Per-day usage of a device, fetched apart from the device so the page works without it. */
export const ENDPOINT_DAILY_USAGE = operation<
  { endpoint: { id: string; dailyUsage: DailyUsagePoint[]; usage: { currency: string } } | null },
  { id: string; startDate: string | null; endDate: string | null }
>(`
query EndpointDailyUsage($id: ID!, $startDate: Date, $endDate: Date) {
  endpoint(id: $id) { id usage { currency } dailyUsage(startDate: $startDate, endDate: $endDate) { ${DAILY_FIELDS} } }
}`);

export interface EndpointInput {
  name?: string;
  status?: EndpointStatus;
  tags?: string[];
  imei?: string | null;
  ipAddress?: string | null;
  simId?: string | null;
  servicePolicyId?: string | null;
  coveragePolicyId?: string | null;
}

export const CREATE_ENDPOINT = operation<{ createEndpoint: { id: string; name: string } }, { input: EndpointInput & { name: string } }>(`
mutation CreateEndpoint($input: CreateEndpointInput!) { createEndpoint(input: $input) { id name } }`);

export const UPDATE_ENDPOINT = operation<{ updateEndpoint: EndpointDetail }, { id: string; input: EndpointInput }>(`
mutation UpdateEndpoint($id: ID!, $input: UpdateEndpointInput!) { updateEndpoint(id: $id, input: $input) { ${ENDPOINT_DETAIL_FIELDS} } }`);

export const DELETE_ENDPOINT = operation<{ deleteEndpoint: boolean }, { id: string }>(`
mutation DeleteEndpoint($id: ID!) { deleteEndpoint(id: $id) }`);

/** What a device form offers to pick: free SIMs and the policies (first 200 of each). */
export interface DeviceFormChoices {
  sims: Connection<{ id: string; iccid: string; status: SimStatus }>;
  servicePolicies: Connection<{ id: string; name: string }>;
  coveragePolicies: Connection<{ id: string; name: string }>;
}

export const DEVICE_FORM_CHOICES = operation<DeviceFormChoices>(`
query DeviceFormChoices {
  sims(first: 200, filter: { assigned: false, status: [ISSUED, ACTIVATED, SUSPENDED, FACTORY_TEST] }, orderBy: ICCID_ASC) {
    ${PAGE_FIELDS} edges { cursor node { id iccid status } }
  }
  servicePolicies(first: 200) { ${PAGE_FIELDS} edges { cursor node { id name } } }
  coveragePolicies(first: 200) { ${PAGE_FIELDS} edges { cursor node { id name } } }
}`);

export interface SimListItem {
  id: string;
  iccid: string;
  imsi: string | null;
  msisdn: string | null;
  status: SimStatus;
  endpoint: { id: string; name: string } | null;
  createdAt: string;
}

export interface SimListVariables {
  first: number;
  after: string | null;
  filter: { search?: string; status?: SimStatus[]; assigned?: boolean } | null;
  orderBy: SimOrder;
}

const SIM_FIELDS = 'id iccid imsi msisdn status endpoint { id name } createdAt';

export const SIMS = operation<{ sims: Connection<SimListItem> }, SimListVariables>(`
query Sims($first: Int, $after: String, $filter: SimFilter, $orderBy: SimOrder) {
  sims(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    ${PAGE_FIELDS}
    edges { cursor node { ${SIM_FIELDS} } }
  }
}`);

export const REGISTER_SIMS = operation<{ registerSims: { id: string; iccid: string }[] }, { iccids: string[]; status: SimStatus }>(`
mutation RegisterSims($iccids: [String!]!, $status: SimStatus) { registerSims(iccids: $iccids, status: $status) { id iccid } }`);

export const UPDATE_SIM = operation<
  { updateSim: SimListItem },
  { id: string; input: { status?: SimStatus; imsi?: string | null; msisdn?: string | null } }
>(`
mutation UpdateSim($id: ID!, $input: UpdateSimInput!) { updateSim(id: $id, input: $input) { ${SIM_FIELDS} } }`);

/** The SIM lifecycle (as the API enforces it): which statuses a SIM may move to next. */
export const SIM_TRANSITIONS: Readonly<Record<SimStatus, readonly SimStatus[]>> = {
  ISSUED: ['ACTIVATED', 'DELETED'],
  ACTIVATED: ['SUSPENDED', 'DELETED'],
  SUSPENDED: ['ACTIVATED', 'DELETED'],
  FACTORY_TEST: ['ACTIVATED', 'DELETED'],
  DELETED: [],
};

export const SIM_STATUSES: readonly SimStatus[] = ['ISSUED', 'ACTIVATED', 'SUSPENDED', 'FACTORY_TEST', 'DELETED'];
export const ENDPOINT_STATUSES: readonly EndpointStatus[] = ['ENABLED', 'DISABLED'];
