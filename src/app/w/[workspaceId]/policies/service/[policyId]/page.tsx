import { ServicePolicyDetail } from '@/components/policies/PolicyDetail';

export default async function ServicePolicyRoute({ params }: { params: Promise<{ policyId: string }> }) {
  const { policyId } = await params;
  return <ServicePolicyDetail key={policyId} policyId={policyId} />;
}
