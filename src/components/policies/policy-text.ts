import { formatCount } from '../format';

/** The two kinds of policy: how the pages name them and where they live. */
export type PolicyKind = 'service' | 'coverage';

export const KIND_NOUN: Record<PolicyKind, string> = { service: 'service policy', coverage: 'coverage policy' };

export const policyHref = (workspaceId: string, kind: PolicyKind, id: string): string => `/w/${workspaceId}/policies/${kind}/${id}`;

/** The device list filtered by the policy (the shared URL convention of the devices page). */
export const devicesHref = (workspaceId: string, kind: PolicyKind, id: string): string =>
  `/w/${workspaceId}/devices?${kind === 'service' ? 'servicePolicy' : 'coveragePolicy'}=${encodeURIComponent(id)}`;

export const dataLimitText = (mb: number | null | undefined): string => (mb == null ? 'Unlimited' : `${formatCount(mb)} MB a month`);
export const smsLimitText = (n: number | null | undefined): string => (n == null ? 'Unlimited' : `${formatCount(n)} SMS a month`);
export const listText = (values: readonly string[], none: string): string => (values.length ? values.join(', ') : none);
export const deviceCountText = (n: number): string => `${formatCount(n)} device${n === 1 ? '' : 's'}`;

/** Codes typed as "DE, AT FR" (commas, spaces or new lines), trimmed, without blanks or repeats. */
export function parseCodes(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
}

const MAX_INT = 2_147_483_647;

/** A monthly limit as typed: empty is unlimited (null); otherwise a whole number from 0, or an error message. */
export function parseLimit(text: string, unit: string): { value: number | null } | { error: string } {
  const trimmed = text.replace(/\s/g, '');
  if (!trimmed) return { value: null };
  if (!/^\d+$/.test(trimmed)) return { error: `Enter a whole number of ${unit} (0 or more), or leave it empty for no limit.` };
  const value = Number(trimmed);
  if (value > MAX_INT) return { error: `At most ${formatCount(MAX_INT)} ${unit}.` };
  return { value };
}
