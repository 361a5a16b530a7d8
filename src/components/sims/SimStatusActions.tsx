'use client';

import { SIM_TRANSITIONS } from '@/features/fleet/sims/lifecycle-table';
import { type SimPageDetailFragment, SimPageUpdateDocument, type SimStatus } from '../api/generated/graphql';
import { useAction } from '../api/use-action';
import { enumLabel } from '../format';
import { ConfirmButton } from '../ui/ConfirmButton';
import { useWorkspace } from '../workspace/context';

const VERBS: Record<SimStatus, string> = {
  ISSUED: 'Issue',
  ACTIVATED: 'Activate',
  SUSPENDED: 'Suspend',
  FACTORY_TEST: 'Factory test',
  DELETED: 'Delete',
};

/** A button per move the lifecycle allows from the SIM's status (one table: lifecycle-table.ts); deleting asks first. */
export function SimStatusActions({ sim, onChanged }: { sim: SimPageDetailFragment; onChanged: (message: string) => void }) {
  const { request } = useWorkspace();
  const move = async (status: SimStatus) => {
    await request(SimPageUpdateDocument, { id: sim.id, input: { status } });
    onChanged(`SIM ${sim.iccid} is now ${enumLabel(status).toLowerCase()}.`);
  };
  const action = useAction(move);
  const next = SIM_TRANSITIONS[sim.status];
  if (next.length === 0) return <p className="muted small">Deleted SIMs stay deleted.</p>;
  return (
    <div className="sim-actions">
      {next
        .filter((s) => s !== 'DELETED')
        .map((status) => (
          <button
            key={status}
            type="button"
            className="button"
            disabled={action.busy}
            aria-label={`${VERBS[status]} SIM ${sim.iccid}`}
            onClick={() => void action.run(status)}
          >
            {VERBS[status]}
          </button>
        ))}
      {next.includes('DELETED') && (
        <ConfirmButton
          label="Delete"
          className="button"
          accessibleLabel={`Delete SIM ${sim.iccid}`}
          title={`Delete SIM ${sim.iccid}?`}
          confirmLabel="Delete SIM"
          onConfirm={() => move('DELETED')}
        >
          <p>
            Deleting is final: the SIM can never be activated again{sim.endpoint ? ` and it leaves the device ${sim.endpoint.name}` : ''}.
          </p>
        </ConfirmButton>
      )}
      {action.error && (
        <p className="form-error" role="alert">
          {action.error.message}
        </p>
      )}
    </div>
  );
}
