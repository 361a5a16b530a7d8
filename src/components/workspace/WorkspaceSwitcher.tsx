'use client';

import * as RadixDialog from '@radix-ui/react-dialog';
import { Command } from 'cmdk';
import { Check, ChevronsUpDown, Link2, Plus, X } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { Role, SwitcherEntryFragment, WorkspaceRequestKind } from '../api/generated/graphql';
import { roleLabel } from '../format';
import { SwitcherRequestStatus } from './SwitcherRequestStatus';

/** Matches the words typed anywhere in a Workspace's name, organization, role or currency. */
const filterEntries = (_value: string, search: string, keywords: string[] = []): number =>
  keywords.join(' ').toLowerCase().includes(search.trim().toLowerCase()) ? 1 : 0;

/**
 * The current Workspace (name, organization, role) as a button: the sidebar's top, the phone's top
 * bar. It opens the switcher; so does Ctrl+K / Cmd+K (WorkspaceShell).
 */
export function SwitcherTrigger({
  name,
  organization,
  role,
  onOpen,
  compact = false,
}: {
  name: string;
  organization: string;
  role: Role;
  onOpen: () => void;
  compact?: boolean;
}) {
  return (
    <button
      type="button"
      className={compact ? 'switcher-trigger switcher-trigger-compact' : 'switcher-trigger'}
      aria-haspopup="dialog"
      aria-keyshortcuts="Control+K Meta+K"
      onClick={onOpen}
    >
      {/* Named by its content ("Switch Workspace, current: <name>, <organization> · <role>"), so what is read includes what is seen. */}
      <span className="switcher-trigger-text">
        <span className="visually-hidden">Switch Workspace, current: </span>
        <span className="switcher-current">{name}</span>
        <span className="visually-hidden">, </span>
        <span className="switcher-meta">
          {organization}
          {!compact && ` · ${roleLabel(role)}`}
        </span>
      </span>
      <ChevronsUpDown size={16} aria-hidden="true" className="switcher-chevron" />
    </button>
  );
}

/**
 * The switcher (a modal: Radix Dialog + cmdk): a filter box, every Workspace the viewer can enter
 * (arrows and Enter, or a click, go there: /w/<id> is what chooses the tab's Workspace), and for those
 * who may ask ops for one, "Create" / "Link" with the organization's pending request and its limit.
 */
export function WorkspaceSwitcher({
  open,
  onOpenChange,
  currentId,
  entries,
  onRequest,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  currentId: string;
  entries: SwitcherEntryFragment[];
  /** Given to those who may ask ops for a Workspace: "Create a new Workspace" and "Link existing Workspace". */
  onRequest?: (kind: WorkspaceRequestKind) => void;
}) {
  const router = useRouter();
  const [selected, setSelected] = useState(currentId);
  const input = useRef<HTMLInputElement>(null);

  // Each time it opens, the highlight starts on the current Workspace.
  useEffect(() => {
    if (open) setSelected(currentId);
  }, [open, currentId]);

  const go = (workspaceId: string) => {
    onOpenChange(false);
    if (workspaceId !== currentId) router.push(`/w/${workspaceId}`);
  };
  const request = (kind: WorkspaceRequestKind) => {
    onOpenChange(false);
    onRequest?.(kind);
  };

  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="overlay overlay-top" />
        <RadixDialog.Content
          className="switcher-dialog"
          aria-describedby={undefined}
          onOpenAutoFocus={(event) => {
            // The filter box, not the first button (Close): typing filters at once.
            event.preventDefault();
            input.current?.focus();
          }}
        >
          <div className="switcher-header">
            <RadixDialog.Title className="switcher-title">Switch Workspace</RadixDialog.Title>
            {/* A phone has no Escape key: the full-screen sheet needs a way out. */}
            <RadixDialog.Close asChild>
              <button type="button" className="icon-button icon-button-small" aria-label="Close">
                <X size={16} aria-hidden="true" />
              </button>
            </RadixDialog.Close>
          </div>
          <Command label="Filter Workspaces" filter={filterEntries} value={selected} onValueChange={setSelected} loop>
            <Command.Input ref={input} className="switcher-input" placeholder="Filter by name, organization, role…" />
            <Command.List className="switcher-list" label="Your Workspaces">
              <Command.Empty className="switcher-empty">No Workspace matches.</Command.Empty>
              <Command.Group heading="Workspaces">
                {entries.map((entry) => (
                  <WorkspaceOption key={entry.workspace.id} entry={entry} current={entry.workspace.id === currentId} onSelect={go} />
                ))}
              </Command.Group>
              {onRequest && (
                <Command.Group heading="More Workspaces">
                  <Command.Item
                    value="request:CREATE"
                    keywords={['Create a new Workspace']}
                    onSelect={() => request('CREATE')}
                    className="switcher-option switcher-action"
                  >
                    <Plus size={16} aria-hidden="true" /> Create a new Workspace
                  </Command.Item>
                  <Command.Item
                    value="request:LINK"
                    keywords={['Link existing Workspace']}
                    onSelect={() => request('LINK')}
                    className="switcher-option switcher-action"
                  >
                    <Link2 size={16} aria-hidden="true" /> Link existing Workspace
                  </Command.Item>
                </Command.Group>
              )}
            </Command.List>
          </Command>
          {onRequest && <SwitcherRequestStatus />}
          <p className="switcher-keys" aria-hidden="true">
            <kbd>↑</kbd> <kbd>↓</kbd> to move · <kbd>Enter</kbd> to open · <kbd>Esc</kbd> to close
          </p>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

function WorkspaceOption({
  entry,
  current,
  onSelect,
}: {
  entry: SwitcherEntryFragment;
  current: boolean;
  onSelect: (workspaceId: string) => void;
}) {
  const { workspace, role, isDefault } = entry;
  const meta = `${workspace.organization.name} · ${roleLabel(role)} · ${workspace.organization.currency}`;
  return (
    <Command.Item
      value={workspace.id}
      keywords={[workspace.name, workspace.organization.name, roleLabel(role), workspace.organization.currency]}
      onSelect={onSelect}
      aria-current={current ? 'true' : undefined}
      className="switcher-option"
    >
      <span className="switcher-check" aria-hidden="true">
        {current && <Check size={16} />}
      </span>
      <span className="switcher-option-text">
        <span className="switcher-option-name">
          {workspace.name}
          {current && <span className="visually-hidden"> (current)</span>}
          {isDefault && <span className="badge badge-default">Default</span>}
        </span>
        <span className="switcher-option-meta">{meta}</span>
      </span>
    </Command.Item>
  );
}
