import { UsersPage } from '@/components/admin/UsersPage';

export default function UsersRoute() {
  return <UsersPage />;
}
