'use client';

import { ArrowRightLeft } from 'lucide-react';
import { useId, useState } from 'react';
import { SIM_TRANSITIONS } from '@/features/fleet/sims/lifecycle-table';
import { type SimStatus, UpdateSimStatusesDocument } from '../api/generated/graphql';
import { enumLabel } from '../format';
import { useWorkspace } from '../workspace/context';
import { BulkBar, BulkDialog, countOf } from './Bulk';
import { SIM_STATUSES } from './statuses';

interface ChosenSim {
  id: string;
  iccid: string;
  status: SimStatus;
}

/** SIMs of `sims` that cannot move to `target` (staying in the status is fine: the API leaves them). */
export function blockedSims<T extends ChosenSim>(sims: readonly T[], target: SimStatus): T[] {
  return sims.filter((s) => s.status !== target && !SIM_TRANSITIONS[s.status].includes(target));
}

/**
 * The bulk bar of the SIM list: moves the chosen SIMs to one status (updateSimStatuses, all or
 * nothing), after a confirmation naming how many and listing the ICCIDs that cannot make the move.
 */
export function SimBulkActions({ sims, onClear, onDone }: { sims: ChosenSim[]; onClear: () => void; onDone: (notice: string) => void }) {
  const id = useId();
  const [target, setTarget] = useState<SimStatus>('ACTIVATED');
  const [open, setOpen] = useState(false);
  return (
    <BulkBar count={sims.length} noun="SIMs" onClear={onClear}>
      <label htmlFor={`${id}-status`} className="small">
        Move to
      </label>
      <select id={`${id}-status`} value={target} onChange={(e) => setTarget(e.target.value as SimStatus)}>
        {SIM_STATUSES.map((s) => (
          <option key={s} value={s}>
            {enumLabel(s)}
          </option>
        ))}
      </select>
      <button type="button" className="button button-small" onClick={() => setOpen(true)}>
        <ArrowRightLeft size={14} aria-hidden="true" /> Change status
      </button>
      {open && (
        <MoveDialog
          sims={sims}
          target={target}
          onClose={() => setOpen(false)}
          onDone={(notice) => {
            setOpen(false);
            onDone(notice);
          }}
        />
      )}
    </BulkBar>
  );
}

function MoveDialog({
  sims,
  target,
  onClose,
  onDone,
}: {
  sims: ChosenSim[];
  target: SimStatus;
  onClose: () => void;
  onDone: (notice: string) => void;
}) {
  const ctx = useWorkspace();
  const label = enumLabel(target);
  const count = countOf(sims.length, 'SIM');
  const blocked = blockedSims(sims, target);
  return (
    <BulkDialog
      title={`Move ${count} to ${label}?`}
      confirmLabel={`Move ${count}`}
      danger={target === 'DELETED'}
      onClose={onClose}
      onConfirm={async () => {
        await ctx.request(UpdateSimStatusesDocument, { ids: sims.map((s) => s.id), status: target });
        onDone(`${count} moved to ${label}.`);
      }}
    >
      {target === 'DELETED' && <p>A deleted SIM is out of service for good and leaves its device.</p>}
      {blocked.length > 0 ? (
        <div className="notice-info">
          <p>
            {blocked.length === 1 ? 'This SIM cannot' : `These ${blocked.length} SIMs cannot`} move to {label}, so the server will refuse
            the whole change:
          </p>
          <ul className="line-errors mono">
            {blocked.map((s) => (
              <li key={s.id}>
                {s.iccid} ({enumLabel(s.status)})
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p>All of them move, or none if the server refuses one.</p>
      )}
    </BulkDialog>
  );
}
