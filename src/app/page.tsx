import { redirect } from 'next/navigation';
import { currentBrowserSession } from '@/auth/next-auth';
import { Landing } from '@/components/auth/Landing';

export const dynamic = 'force-dynamic';

/** Signed in: open the default Workspace. Otherwise: sign in. */
export default async function Home() {
  if (!(await currentBrowserSession())) redirect('/signin');
  return <Landing />;
}
