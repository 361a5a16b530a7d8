import { TokensPage } from '@/components/admin/TokensPage';

export default function TokensRoute() {
  return <TokensPage />;
}
