'use client';

import { ArrowRight, Building2 } from 'lucide-react';
import Link from 'next/link';
import { roleLabel } from '../format';
import { useWorkspace } from '../workspace/context';

/** The other Workspaces the viewer can enter: name (a link), organization and role there. */
export function OtherWorkspaces() {
  const { workspaceId, workspaces } = useWorkspace();
  const others = workspaces.filter((w) => w.workspace.id !== workspaceId);
  return (
    <section className="card" aria-labelledby="home-others-title">
      <h2 id="home-others-title" className="home-card-title">
        <Building2 size={18} aria-hidden="true" />
        Other Workspaces
      </h2>
      {others.length === 0 ? (
        <p className="muted">This is the only Workspace you can enter.</p>
      ) : (
        <ul className="home-workspaces" aria-label="Other Workspaces">
          {others.map((w) => (
            <li key={w.workspace.id}>
              <Link href={`/w/${w.workspace.id}`}>
                <span className="home-workspace-name">{w.workspace.name}</span>
                <span className="muted small">
                  {w.workspace.organization.name} · {roleLabel(w.role)}
                </span>
                <ArrowRight size={16} aria-hidden="true" className="home-workspace-arrow" />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
