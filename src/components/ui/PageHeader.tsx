import type { ReactNode } from 'react';

/** A page's title (also the document title), an optional lead and actions on the right. */
export function PageHeader({
  title,
  workspaceName,
  lead,
  actions,
}: {
  title: string;
  workspaceName: string;
  lead?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <header className="page-header page-header-row">
      <title>{`${title} · ${workspaceName} · IoT Portal`}</title>
      <div>
        <p className="eyebrow">{workspaceName}</p>
        <h1>{title}</h1>
        {lead && <p className="muted">{lead}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}
