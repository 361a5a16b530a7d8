import { redirect } from 'next/navigation';
import { currentBrowserSession } from '@/auth/next-auth';
import { OpsConsole } from '@/components/ops/OpsConsole';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Ops console · IoT Portal' };

export default async function OpsPage() {
  if (!(await currentBrowserSession())) redirect('/signin');
  return <OpsConsole />;
}
