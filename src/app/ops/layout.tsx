import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { currentBrowserSession } from '@/auth/next-auth';
import { OpsShell } from '@/components/ops/OpsShell';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Ops console · IoT Portal' };

/** Every page under /ops: signed-in visitors only; the shell refuses non-operators. */
export default async function OpsLayout({ children }: { children: ReactNode }) {
  if (!(await currentBrowserSession())) redirect('/signin');
  return <OpsShell>{children}</OpsShell>;
}
