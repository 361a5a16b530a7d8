import Link from 'next/link';
import { ActivateForm } from '@/components/auth/ActivateForm';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// The invitation email of an account that has a password links here with account=existing.
const isExisting = async (searchParams: SearchParams) => (await searchParams).account === 'existing';

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }) {
  return { title: `${(await isExisting(searchParams)) ? 'Accept your invitation' : 'Activate your account'} · IoT Portal` };
}

export default async function ActivatePage({ searchParams }: { searchParams: SearchParams }) {
  const { key } = await searchParams;
  const activationKey = typeof key === 'string' ? key.trim() : '';
  const existing = await isExisting(searchParams);
  return (
    <main className="centered">
      <section className="card narrow" aria-labelledby="activate-title">
        <p className="brand">IoT Connectivity Portal</p>
        <h1 id="activate-title">{existing ? 'Accept your invitation' : 'Activate your account'}</h1>
        {activationKey ? (
          <>
            <p className="muted">
              {existing
                ? 'You were invited to a Workspace. Enter the password of your account to accept; it stays as it is.'
                : 'You were invited to a Workspace. Choose a password to accept the invitation.'}
            </p>
            <ActivateForm activationKey={activationKey} existing={existing} />
          </>
        ) : (
          <p className="form-error" role="alert">
            This link has no activation key. Open the link from your invitation email exactly as it was sent, or{' '}
            <Link href="/signin">sign in</Link> if your account is already active.
          </p>
        )}
      </section>
    </main>
  );
}
