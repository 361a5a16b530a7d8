import type { Package, Role } from './api/operations';

const ROLE_LABELS: Record<Role, string> = {
  SUPER_ADMIN: 'SuperAdmin',
  ADMINISTRATOR: 'Administrator',
  USER: 'User',
  OBSERVER: 'Observer',
};

const PACKAGE_LABELS: Record<Package, string> = { STANDARD: 'Standard', PRO: 'Pro' };

export const roleLabel = (role: Role): string => ROLE_LABELS[role];
export const packageLabel = (pkg: Package): string => PACKAGE_LABELS[pkg];

/** A date as the reader's locale writes it, e.g. "3 Mar 2026". */
export function formatDate(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}
