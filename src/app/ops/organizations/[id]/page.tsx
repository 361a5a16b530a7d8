import { redirect } from 'next/navigation';
import { currentBrowserSession } from '@/auth/next-auth';
import { OrganizationPage } from '@/components/ops/organizations/OrganizationPage';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Organization · Ops console · IoT Portal' };

export default async function OrganizationRoute({ params }: { params: Promise<{ id: string }> }) {
  if (!(await currentBrowserSession())) redirect('/signin');
  const { id } = await params;
  return <OrganizationPage key={id} id={id} />;
}
