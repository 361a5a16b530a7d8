import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { currentBrowserSession } from '@/auth/next-auth';
import { WorkspaceShell } from '@/components/workspace/WorkspaceShell';

export const dynamic = 'force-dynamic';

/** Every page of a Workspace: signed-in visitors only; the frame loads the Workspace named by the URL. */
export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ workspaceId: string }> }) {
  if (!(await currentBrowserSession())) redirect('/signin');
  const { workspaceId } = await params;
  return (
    <WorkspaceShell key={workspaceId} workspaceId={workspaceId}>
      {children}
    </WorkspaceShell>
  );
}
