import { redirect } from 'next/navigation';

/** The console opens on its work queue. */
export default function OpsPage() {
  redirect('/ops/requests');
}
