import Link from 'next/link';
import { SignOutButton } from '../auth/SignOutButton';

/** The URL names a Workspace that does not exist or that the viewer cannot enter (same answer for both). */
export function WorkspaceNotFound() {
  return (
    <main className="centered">
      <title>Workspace not found · IoT Portal</title>
      <section className="card narrow" aria-labelledby="not-found-title">
        <h1 id="not-found-title">Workspace not found</h1>
        <p>
          This Workspace does not exist, or your account has no access to it. If you expected to see it, ask one of its Administrators to
          add you.
        </p>
        <div className="actions">
          <Link className="button button-primary" href="/">
            Go to your default Workspace
          </Link>
          <SignOutButton className="button" />
        </div>
      </section>
    </main>
  );
}
