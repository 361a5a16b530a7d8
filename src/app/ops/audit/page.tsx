import { Suspense } from 'react';
import { OpsAuditPage } from '@/components/ops/audit/OpsAuditPage';
import { Loading } from '@/components/states';

/** The filters live in the URL (useSearchParams), which needs a Suspense boundary. */
export default function OpsAuditRoute() {
  return (
    <Suspense fallback={<Loading label="Loading the audit log…" />}>
      <OpsAuditPage />
    </Suspense>
  );
}
