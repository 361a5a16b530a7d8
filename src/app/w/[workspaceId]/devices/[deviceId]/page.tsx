import { DeviceDetail } from '@/components/fleet/DeviceDetail';

export default async function DeviceRoute({ params }: { params: Promise<{ deviceId: string }> }) {
  const { deviceId } = await params;
  return <DeviceDetail key={deviceId} deviceId={deviceId} />;
}
