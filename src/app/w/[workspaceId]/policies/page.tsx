import { PoliciesPage } from '@/components/policies/PoliciesPage';

export default function PoliciesRoute() {
  return <PoliciesPage />;
}
