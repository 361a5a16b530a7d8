import Link from 'next/link';
import type { ReactNode } from 'react';

/**
 * The page of one item (a device, a SIM, a policy) whose id finds nothing in this Workspace: it was
 * deleted, belongs to another Workspace, or the address is mistyped. `children` says which.
 */
export function ItemNotFound({
  headingId,
  title,
  workspaceName,
  listHref,
  backLabel,
  children,
}: {
  headingId: string;
  title: string;
  workspaceName: string;
  listHref: string;
  backLabel: string;
  children: ReactNode;
}) {
  return (
    <section className="card narrow-card" aria-labelledby={headingId}>
      <title>{`${title} · ${workspaceName} · IoT Portal`}</title>
      <h1 id={headingId}>{title}</h1>
      <p>{children}</p>
      <div className="actions">
        <Link className="button button-primary" href={listHref}>
          {backLabel}
        </Link>
      </div>
    </section>
  );
}

/** The trail above one item's page: its list, then the item. */
export function ItemBreadcrumb({ listHref, listLabel, current }: { listHref: string; listLabel: string; current: string }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link href={listHref}>{listLabel}</Link> <span aria-hidden="true">/</span> <span aria-current="page">{current}</span>
    </nav>
  );
}
