'use client';

import type { ReactNode } from 'react';
import { can, type Permission } from '@/auth/policy';
import { roleLabel } from '../format';
import { useWorkspace } from '../workspace/context';

/** Shows `children` only to roles holding `permission`; others get a plain explanation. */
export function RequirePermission({ permission, what, children }: { permission: Permission; what: string; children: ReactNode }) {
  const { role } = useWorkspace();
  if (can(role, permission)) return <>{children}</>;
  return (
    <section className="state state-empty" aria-live="polite">
      <strong>Administrators only</strong>
      <p>
        Only Administrators and the SuperAdmin can {what}. Your role here is {roleLabel(role)}.
      </p>
    </section>
  );
}
