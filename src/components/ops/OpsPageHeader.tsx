import type { ReactNode } from 'react';

/** The header of an ops page: its title (also the document title) and a one-line description. */
export function OpsPageHeader({ title, lead, actions }: { title: string; lead: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header page-header-row">
      <title>{`${title} · Ops console · IoT Portal`}</title>
      <div>
        <p className="eyebrow">Ops console</p>
        <h1>{title}</h1>
        <p className="muted">{lead}</p>
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}
