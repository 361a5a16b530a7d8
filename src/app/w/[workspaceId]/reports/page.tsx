import { ReportsPage } from '@/components/reports/ReportsPage';

export default function ReportsRoute() {
  return <ReportsPage />;
}
