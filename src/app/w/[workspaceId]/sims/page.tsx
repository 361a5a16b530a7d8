import { SimsPage } from '@/components/fleet/SimsPage';

export default function SimsRoute() {
  return <SimsPage />;
}
