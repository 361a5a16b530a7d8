import { SimDetail } from '@/components/sims/SimDetail';

export default async function SimRoute({ params }: { params: Promise<{ simId: string }> }) {
  const { simId } = await params;
  return <SimDetail key={simId} simId={simId} />;
}
