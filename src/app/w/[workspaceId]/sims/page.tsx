import { SimsPage } from '@/components/fleet/SimsPage';

export default async function SimsRoute({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { search } = await searchParams;
  return <SimsPage initialSearch={typeof search === 'string' ? search : ''} />;
}
