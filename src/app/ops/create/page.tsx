import { CreatePage } from '@/components/ops/create/CreatePage';

export default function OpsCreatePage() {
  return <CreatePage />;
}
