import Link from 'next/link';
import type { Standing } from './standing';

/** The "Linked / limit" of an organization: a count for a main organization, where it is linked otherwise. */
export function StandingCell({ standing }: { standing: Standing }) {
  switch (standing.kind) {
    case 'main':
      return (
        <span>
          {standing.linked} / {standing.limit}
        </span>
      );
    case 'linked-under':
      return (
        <span>
          linked under{' '}
          {standing.mains.map((main, i) => (
            <span key={main.id}>
              {i > 0 && ', '}
              <Link href={`/ops/organizations/${main.id}`}>{main.name}</Link>
            </span>
          ))}
        </span>
      );
    case 'pro-unlinked':
      return <span className="muted">none linked (limit {standing.limit})</span>;
    case 'standard':
      return <span className="muted">— (Standard)</span>;
  }
}
