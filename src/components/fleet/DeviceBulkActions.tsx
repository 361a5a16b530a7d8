'use client';

import { Power, PowerOff, Tag, Tags, Trash2 } from 'lucide-react';
import { useId, useState } from 'react';
import { ApiError } from '../api/client';
import { type BulkUpdateEndpointsInput, DeleteEndpointsDocument, UpdateEndpointsDocument } from '../api/generated/graphql';
import { useWorkspace } from '../workspace/context';
import { BulkBar, BulkDialog, countOf } from './Bulk';

type Kind = 'ENABLE' | 'DISABLE' | 'ADD_TAG' | 'REMOVE_TAG' | 'DELETE';

const BUTTONS: { kind: Kind; label: string; icon: typeof Power; danger?: boolean }[] = [
  { kind: 'ENABLE', label: 'Enable', icon: Power },
  { kind: 'DISABLE', label: 'Disable', icon: PowerOff },
  { kind: 'ADD_TAG', label: 'Add tag', icon: Tag },
  { kind: 'REMOVE_TAG', label: 'Remove tag', icon: Tags },
  { kind: 'DELETE', label: 'Delete', icon: Trash2, danger: true },
];

/**
 * The bulk bar of the device list: enable, disable, add or remove a tag, delete the chosen devices,
 * each after a confirmation naming how many; all or nothing on the server (updateEndpoints,
 * deleteEndpoints). `onDone` gets the short success message.
 */
export function DeviceBulkActions({ ids, onClear, onDone }: { ids: string[]; onClear: () => void; onDone: (notice: string) => void }) {
  const [open, setOpen] = useState<Kind | null>(null);
  return (
    <BulkBar count={ids.length} noun="devices" onClear={onClear}>
      {BUTTONS.map(({ kind, label, icon: Icon, danger }) => (
        <button
          key={kind}
          type="button"
          className={danger ? 'button button-small button-danger' : 'button button-small'}
          onClick={() => setOpen(kind)}
        >
          <Icon size={14} aria-hidden="true" /> {label}
        </button>
      ))}
      {open && (
        <DeviceBulkDialog
          kind={open}
          ids={ids}
          onClose={() => setOpen(null)}
          onDone={(notice) => {
            setOpen(null);
            onDone(notice);
          }}
        />
      )}
    </BulkBar>
  );
}

function DeviceBulkDialog({
  kind,
  ids,
  onClose,
  onDone,
}: {
  kind: Kind;
  ids: string[];
  onClose: () => void;
  onDone: (notice: string) => void;
}) {
  const ctx = useWorkspace();
  const fieldId = useId();
  const devices = countOf(ids.length, 'device');
  const update = async (input: BulkUpdateEndpointsInput) => {
    await ctx.request(UpdateEndpointsDocument, { ids, input });
  };
  /** The tag typed in the dialog; refused before any request when empty. */
  const tagOf = (form: FormData): string => {
    const tag = String(form.get('tag') ?? '').trim();
    if (!tag) throw new ApiError('Enter a tag.', 'BAD_USER_INPUT', 'tag');
    return tag;
  };

  switch (kind) {
    case 'ENABLE':
    case 'DISABLE': {
      const verb = kind === 'ENABLE' ? 'Enable' : 'Disable';
      return (
        <BulkDialog
          title={`${verb} ${devices}?`}
          confirmLabel={`${verb} ${devices}`}
          onClose={onClose}
          onConfirm={async () => {
            await update({ status: kind === 'ENABLE' ? 'ENABLED' : 'DISABLED' });
            onDone(`${devices} ${kind === 'ENABLE' ? 'enabled' : 'disabled'}.`);
          }}
        >
          <p>
            {kind === 'ENABLE' ? 'They may use the network again.' : 'They stay in the list with their SIMs, but are marked as disabled.'}
          </p>
        </BulkDialog>
      );
    }
    case 'ADD_TAG':
    case 'REMOVE_TAG': {
      const adding = kind === 'ADD_TAG';
      return (
        <BulkDialog
          title={adding ? `Add a tag to ${devices}?` : `Remove a tag from ${devices}?`}
          confirmLabel={adding ? 'Add tag' : 'Remove tag'}
          onClose={onClose}
          onConfirm={async (form) => {
            const tag = tagOf(form);
            await update(adding ? { addTags: [tag] } : { removeTags: [tag] });
            onDone(adding ? `Tag "${tag}" added to ${devices}.` : `Tag "${tag}" removed from ${devices}.`);
          }}
        >
          <div className="field">
            <label htmlFor={fieldId}>Tag</label>
            <input id={fieldId} name="tag" maxLength={64} required autoComplete="off" aria-describedby={`${fieldId}-hint`} />
            <small id={`${fieldId}-hint`} className="hint">
              {adding ? 'Added where missing; a device carries at most 20 tags.' : 'Removed where present; other tags stay.'}
            </small>
          </div>
        </BulkDialog>
      );
    }
    case 'DELETE':
      return (
        <BulkDialog
          title={`Delete ${devices}?`}
          confirmLabel={`Delete ${devices}`}
          danger
          onClose={onClose}
          onConfirm={async () => {
            const { deleteEndpoints } = await ctx.request(DeleteEndpointsDocument, { ids });
            onDone(`${countOf(deleteEndpoints, 'device')} deleted.`);
          }}
        >
          <p>Deleted devices are gone for good; their SIMs are freed and stay in the SIM list.</p>
        </BulkDialog>
      );
  }
}
