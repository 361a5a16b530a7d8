import { SignInForm } from '@/components/auth/SignInForm';

export const metadata = { title: 'Sign in · IoT Portal' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { error } = await searchParams;
  return (
    <main className="centered">
      <section className="card narrow" aria-labelledby="signin-title">
        <p className="brand">IoT Connectivity Portal</p>
        <h1 id="signin-title">Sign in</h1>
        <p className="muted">You land in your default Workspace and can switch to the others from there.</p>
        <SignInForm initialErrorCode={typeof error === 'string' ? error : undefined} />
      </section>
    </main>
  );
}
