'use client';

import { Cpu, CreditCard } from 'lucide-react';
import Link from 'next/link';
import { HomeStatusCountsDocument } from '../api/generated/graphql';
import { useOperation } from '../api/use-operation';
import { enumLabel, formatCount } from '../format';
import { ErrorNotice, Loading } from '../states';
import { useWorkspace } from '../workspace/context';

interface Count {
  status: string;
  count: number;
}

/**
 * SIMs and devices by status, each count a link to the list filtered by it. The totals are named
 * "SIMs: 3 in all" and "Devices: 1 in all", a status link "Activated 2 SIMs" (hidden words complete
 * the visible ones, which the names contain as WCAG 2.5.3 asks; Chrome puts a space between flex items, so
 * no punctuation there), and neither name contains the other.
 */
export function StatusCounts() {
  const { workspaceId } = useWorkspace();
  const { state, reload } = useOperation(HomeStatusCountsDocument, {}, { workspaceId });
  if (state.status === 'loading')
    return (
      <section className="card" aria-label="Fleet">
        <Loading label="Counting SIMs and devices…" />
      </section>
    );
  if (state.status === 'error')
    return (
      <section className="card" aria-label="Fleet">
        <ErrorNotice title="The fleet could not be counted" message={state.error.message} onRetry={reload} />
      </section>
    );
  const base = `/w/${workspaceId}`;
  return (
    <div className="home-counts">
      <CountCard
        title="SIMs"
        icon={<CreditCard size={18} aria-hidden="true" />}
        href={`${base}/sims`}
        counts={state.data.simStatusCounts}
        linkOf={(status) => `${base}/sims?status=${status}`}
      />
      <CountCard
        title="Devices"
        icon={<Cpu size={18} aria-hidden="true" />}
        href={`${base}/devices`}
        counts={state.data.endpointStatusCounts}
        linkOf={(status) => `${base}/devices?status=${status}`}
      />
    </div>
  );
}

function CountCard({
  title,
  icon,
  href,
  counts,
  linkOf,
}: {
  title: string;
  icon: React.ReactNode;
  href: string;
  counts: readonly Count[];
  linkOf: (status: string) => string;
}) {
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const headingId = `home-${title.toLowerCase()}-title`;
  return (
    <section className="card home-count-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="home-card-title">
        {icon}
        {title}
      </h2>
      <Link className="home-total" href={href}>
        <span className="visually-hidden">{title}: </span>
        <span className="stat-value">{formatCount(total)}</span>
        <span className="muted small"> in all</span>
      </Link>
      <ul className="home-status-list" aria-label={`${title} by status`}>
        {counts.map((c) => (
          <li key={c.status}>
            <Link href={linkOf(c.status)}>
              <span>{enumLabel(c.status)}</span>
              <span className="home-status-count">{formatCount(c.count)}</span>
              <span className="visually-hidden">{title}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
