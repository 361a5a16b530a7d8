import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  inet,
  integer,
  numeric,
  pgEnum,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantTable } from './tenant';
import { workspaces } from './workspaces';

/*
 * The fleet of a Workspace: SIMs, devices (endpoints) with their tags, the two kinds of policy, and
 * the usage the network reports. Every table is tenant data: `workspace_id` leads its primary key and
 * every index, and foreign keys between fleet tables include it, so a device can never point at another
 * Workspace's SIM or policy (and the tables can be distributed on `workspace_id`). Row-level security:
 * the `tenantTable` policy (./tenant.ts).
 */

export const simStatusEnum = pgEnum('sim_status', ['ISSUED', 'ACTIVATED', 'SUSPENDED', 'FACTORY_TEST', 'DELETED']);
export const endpointStatusEnum = pgEnum('endpoint_status', ['ENABLED', 'DISABLED']);

const workspaceColumn = () =>
  uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

/** Insertion order, global and increasing: the keyset of the "created" sort orders. */
const seqColumn = () => bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity();

const timestamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A SIM card. Its ICCID is unique across all Workspaces (a card exists once). */
export const sims = tenantTable(
  'sims',
  {
    workspaceId: workspaceColumn(),
    id: uuid('id').notNull().defaultRandom(),
    seq: seqColumn(),
    iccid: text('iccid').notNull(),
    imsi: text('imsi'),
    msisdn: text('msisdn'),
    status: simStatusEnum('status').notNull().default('ISSUED'),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    // Global on purpose: registering a card held by any Workspace is a CONFLICT (unique checks ignore RLS).
    uniqueIndex('sims_iccid_key').on(t.iccid),
    index('sims_workspace_seq_idx').on(t.workspaceId, t.seq),
    index('sims_workspace_iccid_idx').on(t.workspaceId, t.iccid),
    index('sims_workspace_imsi_idx').on(t.workspaceId, t.imsi),
    index('sims_workspace_msisdn_idx').on(t.workspaceId, t.msisdn),
    index('sims_workspace_status_seq_idx').on(t.workspaceId, t.status, t.seq),
    // Contains search ("any part of"): trigram indexes (pg_trgm, drizzle/0016). A GIN index cannot lead
    // with a uuid without btree_gin; the Workspace condition is checked on the few rows they return.
    index('sims_iccid_trgm_idx').using('gin', sql`${t.iccid} gin_trgm_ops`),
    index('sims_imsi_trgm_idx').using('gin', sql`${t.imsi} gin_trgm_ops`),
    index('sims_msisdn_trgm_idx').using('gin', sql`${t.msisdn} gin_trgm_ops`),
  ],
);

/** What a device may do: which services, which traffic limits. */
export const servicePolicies = tenantTable(
  'service_policies',
  {
    workspaceId: workspaceColumn(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    dataEnabled: boolean('data_enabled').notNull().default(true),
    smsEnabled: boolean('sms_enabled').notNull().default(true),
    /** Monthly data limit in megabytes; null means unlimited. */
    monthlyDataLimitMb: integer('monthly_data_limit_mb'),
    /** Monthly limit of SMS sent; null means unlimited. */
    monthlySmsLimit: integer('monthly_sms_limit'),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('service_policies_workspace_name_key').on(t.workspaceId, sql`lower(${t.name})`),
    index('service_policies_workspace_name_idx').on(t.workspaceId, t.name, t.id),
    check('service_policies_limits_positive', sql`coalesce(${t.monthlyDataLimitMb}, 0) >= 0 and coalesce(${t.monthlySmsLimit}, 0) >= 0`),
  ],
);

/** Where a device may connect: countries and networks, and the data plan. */
export const coveragePolicies = tenantTable(
  'coverage_policies',
  {
    workspaceId: workspaceColumn(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    /** ISO 3166-1 alpha-2 codes; empty means every country. */
    countries: text('countries').array().notNull().default(sql`'{}'::text[]`),
    /** PLMN ids (MCC+MNC, 5 or 6 digits); empty means every network of the countries. */
    networks: text('networks').array().notNull().default(sql`'{}'::text[]`),
    dataPlan: text('data_plan'),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('coverage_policies_workspace_name_key').on(t.workspaceId, sql`lower(${t.name})`),
    index('coverage_policies_workspace_name_idx').on(t.workspaceId, t.name, t.id),
  ],
);

/** A device (endpoint): holds at most one SIM; a SIM sits in at most one device. */
export const endpoints = tenantTable(
  'endpoints',
  {
    workspaceId: workspaceColumn(),
    id: uuid('id').notNull().defaultRandom(),
    seq: seqColumn(),
    name: text('name').notNull(),
    status: endpointStatusEnum('status').notNull().default('ENABLED'),
    imei: text('imei'),
    ipAddress: inet('ip_address'),
    simId: uuid('sim_id'),
    servicePolicyId: uuid('service_policy_id'),
    coveragePolicyId: uuid('coverage_policy_id'),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({ name: 'endpoints_sim_fk', columns: [t.workspaceId, t.simId], foreignColumns: [sims.workspaceId, sims.id] }),
    foreignKey({
      name: 'endpoints_service_policy_fk',
      columns: [t.workspaceId, t.servicePolicyId],
      foreignColumns: [servicePolicies.workspaceId, servicePolicies.id],
    }),
    foreignKey({
      name: 'endpoints_coverage_policy_fk',
      columns: [t.workspaceId, t.coveragePolicyId],
      foreignColumns: [coveragePolicies.workspaceId, coveragePolicies.id],
    }),
    // A SIM sits in at most one device, even under concurrent assignments.
    uniqueIndex('endpoints_workspace_sim_key').on(t.workspaceId, t.simId),
    index('endpoints_workspace_seq_idx').on(t.workspaceId, t.seq),
    index('endpoints_workspace_name_idx').on(t.workspaceId, t.name, t.id),
    // Contains search: any part of the name (any letter case) or of the IMEI, through trigrams (see sims).
    index('endpoints_name_trgm_idx').using('gin', sql`lower(${t.name}) gin_trgm_ops`),
    index('endpoints_imei_trgm_idx').using('gin', sql`${t.imei} gin_trgm_ops`),
    index('endpoints_workspace_status_seq_idx').on(t.workspaceId, t.status, t.seq),
    index('endpoints_workspace_imei_idx').on(t.workspaceId, t.imei),
    index('endpoints_workspace_service_policy_idx').on(t.workspaceId, t.servicePolicyId),
    index('endpoints_workspace_coverage_policy_idx').on(t.workspaceId, t.coveragePolicyId),
  ],
);

/** A device's tags: free text labels (at most 20 per device), filterable. */
export const endpointTags = tenantTable(
  'endpoint_tags',
  {
    workspaceId: uuid('workspace_id').notNull(),
    endpointId: uuid('endpoint_id').notNull(),
    tag: text('tag').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.endpointId, t.tag] }),
    foreignKey({
      name: 'endpoint_tags_endpoint_fk',
      columns: [t.workspaceId, t.endpointId],
      foreignColumns: [endpoints.workspaceId, endpoints.id],
    }).onDelete('cascade'),
    index('endpoint_tags_workspace_tag_idx').on(t.workspaceId, t.tag, t.endpointId),
  ],
);

/**
 * One SIM's usage on one UTC day, as the network reports it; owned by the SIM's Workspace at ingest
 * time. A replay of the same (SIM, day) replaces the figures.
 */
export const simDailyUsage = tenantTable(
  'sim_daily_usage',
  {
    workspaceId: uuid('workspace_id').notNull(),
    simId: uuid('sim_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    bytesUp: bigint('bytes_up', { mode: 'number' }).notNull(),
    bytesDown: bigint('bytes_down', { mode: 'number' }).notNull(),
    smsSent: integer('sms_sent').notNull(),
    smsReceived: integer('sms_received').notNull(),
    /** In the Workspace's currency. */
    cost: numeric('cost', { precision: 14, scale: 4 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.simId, t.day] }),
    foreignKey({ name: 'sim_daily_usage_sim_fk', columns: [t.workspaceId, t.simId], foreignColumns: [sims.workspaceId, sims.id] }).onDelete(
      'cascade',
    ),
    index('sim_daily_usage_workspace_day_idx').on(t.workspaceId, t.day),
    check(
      'sim_daily_usage_non_negative',
      sql`${t.bytesUp} >= 0 and ${t.bytesDown} >= 0 and ${t.smsSent} >= 0 and ${t.smsReceived} >= 0 and ${t.cost} >= 0`,
    ),
  ],
);

/**
 * The per-Workspace daily rollup of sim_daily_usage, maintained in the same transaction as every
 * ingest (src/features/fleet/usage), so it always equals the sum of the raw rows. Reports read it.
 */
export const workspaceDailyUsage = tenantTable(
  'workspace_daily_usage',
  {
    workspaceId: workspaceColumn(),
    day: date('day', { mode: 'string' }).notNull(),
    bytesUp: bigint('bytes_up', { mode: 'number' }).notNull().default(0),
    bytesDown: bigint('bytes_down', { mode: 'number' }).notNull().default(0),
    smsSent: bigint('sms_sent', { mode: 'number' }).notNull().default(0),
    smsReceived: bigint('sms_received', { mode: 'number' }).notNull().default(0),
    /** In the Workspace's currency. */
    cost: numeric('cost', { precision: 18, scale: 4 }).notNull().default('0'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day] })],
);

export type SimRow = typeof sims.$inferSelect;
export type EndpointRow = typeof endpoints.$inferSelect;
export type ServicePolicyRow = typeof servicePolicies.$inferSelect;
export type CoveragePolicyRow = typeof coveragePolicies.$inferSelect;
export type SimDailyUsageRow = typeof simDailyUsage.$inferSelect;
export type WorkspaceDailyUsageRow = typeof workspaceDailyUsage.$inferSelect;
