import { AuditPage } from '@/components/admin/AuditPage';

export default function AuditRoute() {
  return <AuditPage />;
}
