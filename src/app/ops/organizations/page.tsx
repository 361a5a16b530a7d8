import { redirect } from 'next/navigation';
import { Suspense } from 'react';
import { currentBrowserSession } from '@/auth/next-auth';
import { OrganizationDirectory } from '@/components/ops/organizations/OrganizationDirectory';
import { Loading } from '@/components/states';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Organizations · Ops console · IoT Portal' };

export default async function OrganizationsRoute() {
  if (!(await currentBrowserSession())) redirect('/signin');
  // The search lives in the URL (useSearchParams), which needs a Suspense boundary.
  return (
    <Suspense fallback={<Loading label="Loading organizations…" />}>
      <OrganizationDirectory />
    </Suspense>
  );
}
