import { RequestsPage } from '@/components/ops/requests/RequestsPage';

export default function OpsRequestsPage() {
  return <RequestsPage />;
}
