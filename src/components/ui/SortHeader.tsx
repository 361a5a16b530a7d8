import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import type { ReactNode } from 'react';

/**
 * A column header that sorts its list: a button in the header (first press: `first`, then it
 * toggles), the current direction on `aria-sort` and as an arrow.
 */
export function SortHeader<O extends string>({
  label,
  ascending,
  descending,
  first = 'ascending',
  current,
  onSort,
  className,
}: {
  label: ReactNode;
  ascending: O;
  descending: O;
  /** The direction of the first press (dates read best newest first). */
  first?: 'ascending' | 'descending';
  current: O;
  onSort: (order: O) => void;
  className?: string;
}) {
  const direction = current === ascending ? 'ascending' : current === descending ? 'descending' : 'none';
  const next = direction === 'none' ? (first === 'ascending' ? ascending : descending) : direction === 'ascending' ? descending : ascending;
  const Icon = direction === 'ascending' ? ArrowUp : direction === 'descending' ? ArrowDown : ArrowUpDown;
  return (
    <th scope="col" aria-sort={direction} className={className}>
      <button type="button" className="sort-button" onClick={() => onSort(next)}>
        {label}
        <Icon size={14} aria-hidden="true" className={direction === 'none' ? 'sort-icon-idle' : undefined} />
      </button>
    </th>
  );
}
