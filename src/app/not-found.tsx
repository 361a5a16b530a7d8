import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="centered">
      <section className="card narrow" aria-labelledby="page-not-found-title">
        <h1 id="page-not-found-title">Page not found</h1>
        <p>There is no page at this address.</p>
        <div className="actions">
          <Link className="button button-primary" href="/">
            Go to the portal
          </Link>
        </div>
      </section>
    </main>
  );
}
