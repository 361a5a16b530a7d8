import { DevicesPage } from '@/components/fleet/DevicesPage';

export default function DevicesRoute() {
  return <DevicesPage />;
}
