import { WorkspaceHome } from '@/components/workspace/WorkspaceHome';

export default function WorkspaceHomePage() {
  return <WorkspaceHome />;
}
