'use client';

import { useEffect, useState } from 'react';
import type { ApiError } from '../../api/client';
import type { OpsLinkImpactFragment, OpsPersonFragment } from '../../api/generated/graphql';
import { useAction } from '../../api/use-action';
import { ErrorNotice, Loading } from '../../states';
import { Dialog } from '../../ui/Dialog';

export type ImpactLoader = () => Promise<OpsLinkImpactFragment>;

/**
 * A link or unlink behind its dry run: the dialog loads the preview (the same checks as the change),
 * names who gains access, who loses it and who becomes Administrator, and the count against the
 * limit; only then can the operator confirm. A refusal (e.g. over the limit) shows instead.
 */
export function ImpactDialog({
  title,
  verb,
  load,
  onConfirm,
  onClose,
}: {
  title: string;
  verb: 'Link' | 'Unlink';
  load: ImpactLoader;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const [impact, setImpact] = useState<
    { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; data: OpsLinkImpactFragment }
  >({
    status: 'loading',
  });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger; `load` is fixed while the dialog is open.
  useEffect(() => {
    let live = true;
    setImpact({ status: 'loading' });
    load().then(
      (data) => live && setImpact({ status: 'ready', data }),
      (error: ApiError) => live && setImpact({ status: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [attempt]);
  const action = useAction(onConfirm);

  return (
    <Dialog title={title} onClose={() => !action.busy && onClose()} wide>
      <div className="dialog-body">
        {impact.status === 'loading' && <Loading label="Working out what would change…" />}
        {impact.status === 'error' && (
          <ErrorNotice
            title={`This ${verb.toLowerCase()} is not possible`}
            message={impact.error.message}
            onRetry={() => setAttempt((n) => n + 1)}
          />
        )}
        {impact.status === 'ready' && <ImpactSummary impact={impact.data} verb={verb} />}
      </div>
      {action.error && (
        <p className="form-error" role="alert">
          {action.error.message}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className={verb === 'Unlink' ? 'button button-danger-solid' : 'button button-primary'}
          disabled={impact.status !== 'ready' || action.busy}
          onClick={() => void action.run()}
        >
          {action.busy ? 'Working…' : `${verb} Workspace`}
        </button>
        <button type="button" className="button" disabled={action.busy} onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

function ImpactSummary({ impact, verb }: { impact: OpsLinkImpactFragment; verb: 'Link' | 'Unlink' }) {
  return (
    <section aria-label="Preview">
      <dl className="details">
        <div>
          <dt>SuperAdmin</dt>
          <dd>{impact.superAdmin ? person(impact.superAdmin) : 'None'}</dd>
        </div>
        <div>
          <dt>Linked afterwards</dt>
          <dd>
            {impact.linkedAfter} of {impact.limit}
          </dd>
        </div>
      </dl>
      <PeopleList title="Gains access" people={impact.gainsAccess} />
      <PeopleList title="Loses access" people={impact.losesAccess} />
      <PeopleList title="Becomes Administrator" people={impact.becomesAdministrator} />
      <p className="muted small">
        {verb === 'Link'
          ? 'The SuperAdmin holds SuperAdmin in every linked Workspace; nothing changes for its own members.'
          : 'The SuperAdmin role goes away with the link; nothing changes for the other members.'}
      </p>
    </section>
  );
}

function PeopleList({ title, people }: { title: string; people: readonly OpsPersonFragment[] }) {
  return (
    <div className="impact-group">
      <h3 className="small strong">{title}</h3>
      {people.length === 0 ? (
        <p className="muted small">Nobody</p>
      ) : (
        <ul aria-label={title}>
          {people.map((p) => (
            <li key={p.id}>{person(p)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

const person = (p: OpsPersonFragment) => `${p.name} (${p.email})`;
