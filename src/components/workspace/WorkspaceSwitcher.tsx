'use client';

import Link from 'next/link';
import { useEffect, useId, useRef, useState } from 'react';
import type { SwitcherEntryFragment, WorkspaceRequestKind } from '../api/generated/graphql';
import { roleLabel } from '../format';

/** The top of the sidebar: the current Workspace, and on demand every Workspace the viewer can enter. */
export function WorkspaceSwitcher({
  currentId,
  currentName,
  entries,
  onRequest,
}: {
  currentId: string;
  currentName: string;
  entries: SwitcherEntryFragment[];
  /** Given to those who may ask ops for a Workspace: "Create a new Workspace" and "Link existing Workspace". */
  onRequest?: (kind: WorkspaceRequestKind) => void;
}) {
  // Closed again in another Workspace: WorkspaceShell keys this component by the Workspace.
  const [open, setOpen] = useState(false);
  const listId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="switcher" ref={root}>
      <button
        type="button"
        className="switcher-toggle"
        aria-expanded={open}
        aria-controls={listId}
        aria-label={`Switch Workspace (current: ${currentName})`}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="switcher-caption">Workspace</span>
        <span className="switcher-current">{currentName}</span>
        <span className="switcher-chevron" aria-hidden="true">
          {open ? '▴' : '▾'}
        </span>
      </button>
      <div id={listId} className="switcher-panel" hidden={!open}>
        {entries.length === 0 ? (
          <p className="muted">You can enter no other Workspace.</p>
        ) : (
          <ul aria-label="Your Workspaces" className="switcher-list">
            {entries.map((entry) => {
              const current = entry.workspace.id === currentId;
              return (
                <li key={entry.workspace.id}>
                  <Link href={`/w/${entry.workspace.id}`} aria-current={current ? 'page' : undefined} className="switcher-item">
                    <span className="switcher-item-name">
                      {entry.workspace.name}
                      {entry.isDefault && <span className="badge badge-default">Default</span>}
                    </span>
                    <span className="switcher-item-meta">
                      {entry.workspace.organization.name} · {roleLabel(entry.role)} · {entry.workspace.organization.currency}
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
        )}
        {onRequest && (
          <ul aria-label="More Workspaces" className="switcher-list switcher-extra">
            <li>
              <button
                type="button"
                className="switcher-item switcher-action"
                onClick={() => {
                  setOpen(false);
                  onRequest('CREATE');
                }}
              >
                <span className="switcher-item-name">+ Create a new Workspace</span>
              </button>
            </li>
            <li>
              <button
                type="button"
                className="switcher-item switcher-action"
                onClick={() => {
                  setOpen(false);
                  onRequest('LINK');
                }}
              >
                <span className="switcher-item-name">⇄ Link existing Workspace</span>
              </button>
            </li>
          </ul>
        )}
      </div>
    </div>
  );
}
