import { requireOperator } from '../../../auth/guard';
import { badInput } from '../../../errors';
import type { UsageRecordInput } from '../../../graphql/generated/resolvers-types';
import type { Verb } from '../../../server/context';
import { recordAuditMany } from '../../audit/record';
import { fleetChanged } from '../access';
import { lockUsageIngest, type UsageRow, unknownIccids, upsertUsage } from './queries';

export const MAX_USAGE_RECORDS = 10_000;
/** numeric(14,4) holds less than 10^10. */
const MAX_COST = 9_999_999_999;

/**
 * Operators only: stores usage from the network side. Up to 10,000 records, written in one set-based
 * statement; a replay of (iccid, date) replaces the figures. All or nothing: any bad record, or any
 * unknown ICCID, is BAD_USER_INPUT on `records` and nothing is stored. Returns the rows stored (one
 * per SIM and day: a pair sent twice in one batch counts once).
 */
export const recordUsage: Verb<{ records: readonly UsageRecordInput[] }, number> = async ({ ctx, input }) => {
  requireOperator(ctx);
  const { records } = input;
  if (records.length > MAX_USAGE_RECORDS)
    throw badInput('records', `At most ${MAX_USAGE_RECORDS} records per call (got ${records.length}).`);
  if (!records.length) return 0;
  const rows = lastPerSimAndDay(records.map(validRecord));
  await lockUsageIngest(ctx.db);
  const unknown = await unknownIccids(ctx.db, [...new Set(rows.map((r) => r.iccid))]);
  if (unknown.length) {
    const shown = unknown.length > 50 ? `${unknown.slice(0, 50).join(', ')} and ${unknown.length - 50} more` : unknown.join(', ');
    throw badInput('records', `Unknown ICCID${unknown.length === 1 ? '' : 's'} (nothing was stored): ${shown}.`);
  }
  const stored = await upsertUsage(ctx.db, rows);
  await recordAuditMany(
    ctx,
    stored.map((s) => ({
      workspaceId: s.workspace_id,
      action: 'usage.recorded',
      targetType: 'usage',
      targetId: s.workspace_id,
      after: { rows: s.rows, firstDay: s.first_day, lastDay: s.last_day },
    })),
  );
  fleetChanged(ctx);
  return stored.reduce((sum, s) => sum + s.rows, 0);
};

/**
 * One record per (ICCID, day), the last one of the batch winning. Feeders deliver at least once, so a
 * retried batch can carry a pair twice; the set-based upsert must see each pair once (PostgreSQL
 * refuses to update one row twice in a statement, and the rollup's delta would count it twice).
 */
function lastPerSimAndDay(rows: readonly UsageRow[]): UsageRow[] {
  const last = new Map<string, UsageRow>();
  for (const row of rows) last.set(`${row.iccid}/${row.day}`, row);
  return [...last.values()];
}

function validRecord(record: UsageRecordInput, index: number): UsageRow {
  const where = `records[${index}]`;
  const count = (name: string, value: number) => {
    if (!Number.isSafeInteger(value) || value < 0) throw badInput('records', `${where}.${name} must be a whole number, 0 or more.`);
    return value;
  };
  if (!Number.isFinite(record.cost) || record.cost < 0 || record.cost > MAX_COST)
    throw badInput('records', `${where}.cost must be between 0 and ${MAX_COST}.`);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  if (record.date > tomorrow) throw badInput('records', `${where}.date ${record.date} is in the future.`);
  return {
    iccid: record.iccid.trim(),
    day: record.date,
    bytes_up: count('bytesUp', record.bytesUp),
    bytes_down: count('bytesDown', record.bytesDown),
    sms_sent: count('smsSent', record.smsSent),
    sms_received: count('smsReceived', record.smsReceived),
    cost: record.cost,
  };
}
