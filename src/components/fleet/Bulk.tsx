'use client';

import { X } from 'lucide-react';
import { type FormEvent, type ReactNode, useCallback, useMemo, useState } from 'react';
import { useAction } from '../api/use-action';
import { Dialog } from '../ui/Dialog';
import './fleet-lists.css';

/** "3 devices", "1 SIM". */
export const countOf = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/**
 * Rows chosen for a bulk change, among those loaded. A new list (other filters or sort) starts with
 * none chosen: `scope` names the list, and a selection made in another scope is dropped.
 */
export function useSelection<T extends { id: string }>(rows: readonly T[], scope: string) {
  const [chosen, setChosen] = useState<{ scope: string; ids: ReadonlySet<string> }>({ scope, ids: new Set() });
  const ids = chosen.scope === scope ? chosen.ids : new Set<string>();
  const selected = useMemo(() => rows.filter((r) => ids.has(r.id)), [rows, ids]);
  const toggle = useCallback(
    (id: string, on: boolean) =>
      setChosen((current) => {
        const next = new Set(current.scope === scope ? current.ids : []);
        if (on) next.add(id);
        else next.delete(id);
        return { scope, ids: next };
      }),
    [scope],
  );
  const setAll = useCallback((on: boolean) => setChosen({ scope, ids: new Set(on ? rows.map((r) => r.id) : []) }), [rows, scope]);
  const clear = useCallback(() => setChosen({ scope, ids: new Set() }), [scope]);
  const all = rows.length > 0 && selected.length === rows.length;
  return { selected, has: (id: string) => ids.has(id), toggle, setAll, clear, all, some: selected.length > 0 && !all };
}

export type Selection<T extends { id: string }> = ReturnType<typeof useSelection<T>>;

/** The header cell of the checkbox column: chooses every loaded row (mixed while some are chosen). */
export function SelectAllCell<T extends { id: string }>({ selection, noun }: { selection: Selection<T>; noun: string }) {
  return (
    <th scope="col" className="select-cell">
      <input
        type="checkbox"
        aria-label={`Select all loaded ${noun}`}
        checked={selection.all}
        ref={(box) => {
          if (box) box.indeterminate = selection.some;
        }}
        onChange={(e) => selection.setAll(e.target.checked)}
      />
    </th>
  );
}

/** A row's checkbox cell. */
export function SelectCell({ checked, onChange, label }: { checked: boolean; onChange: (on: boolean) => void; label: string }) {
  return (
    <td className="select-cell">
      <input type="checkbox" aria-label={label} checked={checked} onChange={(e) => onChange(e.target.checked)} />
    </td>
  );
}

/** The bar over a list while rows are chosen: how many, the actions, and a way to let go. */
export function BulkBar({ count, noun, onClear, children }: { count: number; noun: string; onClear: () => void; children: ReactNode }) {
  if (count === 0) return null;
  return (
    <section className="bulk-bar" aria-label={`Bulk actions for selected ${noun}`}>
      <p className="bulk-count" aria-live="polite">
        <strong>{count.toLocaleString()} selected</strong>
      </p>
      <div className="bulk-actions">{children}</div>
      <button type="button" className="button button-small button-quiet" onClick={onClear}>
        <X size={14} aria-hidden="true" /> Clear selection
      </button>
    </section>
  );
}

/**
 * The confirmation of a bulk change: its title names what and how many ("Disable 3 devices?"); the
 * server's refusal is shown inside, with its reason. Children may hold fields (a tag to add); `check`
 * refuses before any request (a field left empty).
 */
export function BulkDialog({
  title,
  confirmLabel,
  danger = false,
  children,
  onConfirm,
  onClose,
}: {
  title: string;
  confirmLabel: string;
  danger?: boolean;
  children?: ReactNode;
  /** Runs the change; reads the dialog's form fields. */
  onConfirm: (form: FormData) => Promise<void>;
  onClose: () => void;
}) {
  const action = useAction(onConfirm);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void action.run(new FormData(event.currentTarget));
  };
  return (
    <Dialog title={title} onClose={() => !action.busy && onClose()}>
      <form className="form" onSubmit={submit} noValidate aria-label={title}>
        {children && <div className="dialog-body">{children}</div>}
        {action.error && (
          <p className="form-error" role="alert">
            {action.error.message}
          </p>
        )}
        <div className="actions">
          <button type="submit" className={danger ? 'button button-danger-solid' : 'button button-primary'} disabled={action.busy}>
            {action.busy ? 'Working…' : confirmLabel}
          </button>
          <button type="button" className="button" disabled={action.busy} onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
