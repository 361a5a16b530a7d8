import { enumLabel } from '../format';

const TONES: Record<string, 'ok' | 'warn' | 'danger' | 'neutral' | 'info'> = {
  ENABLED: 'ok',
  ACTIVE: 'ok',
  ACTIVATED: 'ok',
  APPROVED: 'ok',
  DISABLED: 'neutral',
  ISSUED: 'info',
  FACTORY_TEST: 'info',
  INVITED: 'info',
  PENDING: 'warn',
  SUSPENDED: 'warn',
  EXPIRED: 'neutral',
  DELETED: 'danger',
  REVOKED: 'danger',
  REJECTED: 'danger',
  WITHDRAWN: 'neutral',
};

/** A status as a coloured pill with its words (the colour is never the only signal). */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`pill pill-${TONES[status] ?? 'neutral'}`}>{enumLabel(status)}</span>;
}
