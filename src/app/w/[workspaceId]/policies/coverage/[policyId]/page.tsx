import { CoveragePolicyDetail } from '@/components/policies/PolicyDetail';

export default async function CoveragePolicyRoute({ params }: { params: Promise<{ policyId: string }> }) {
  const { policyId } = await params;
  return <CoveragePolicyDetail key={policyId} policyId={policyId} />;
}
