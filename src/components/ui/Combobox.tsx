'use client';

import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import './combobox.css';

/** One page of matches for the text typed. */
export interface Matches<T> {
  items: T[];
  total: number;
}

type SearchState<T> = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; matches: Matches<T> } | { status: 'error' };

/** Typing pauses this long before the search goes out, so a word is one request, not one per letter. */
const DEBOUNCE_MS = 200;

/**
 * Choosing one item found by a server search: a combobox (ARIA 1.2) searching as one types, the
 * matches in a listbox (arrow keys move, Enter chooses, Escape closes). The chosen item's id travels
 * in a hidden input named `name`, so the surrounding form reads it like any other field. The ops
 * console's user picker and the device form's SIM picker are this, for their kind of item.
 */
export function Combobox<T extends { id: string }>({
  label,
  name,
  value,
  onChange,
  search,
  describe,
  renderItem = describe,
  noun,
  placeholder,
  hint,
  error,
}: {
  label: string;
  name: string;
  value: T | null;
  onChange: (item: T | null) => void;
  search: (text: string) => Promise<Matches<T>>;
  /** The item as text, shown in the box once chosen. */
  describe: (item: T) => string;
  renderItem?: (item: T) => ReactNode;
  /** What is chosen, for the status line ("No SIM matches."). */
  noun: string;
  placeholder?: string;
  hint?: string;
  error?: string | null;
}) {
  const id = useId();
  const [text, setText] = useState(value ? describe(value) : '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const found = useSearch(open ? text : null, search);
  const shown = value ? describe(value) : null;
  useEffect(() => {
    if (shown !== null) setText(shown);
  }, [shown]);

  const options = found.status === 'ready' ? found.matches.items : [];
  const expanded = open && found.status !== 'idle';
  const optionId = (i: number) => `${id}-option-${i}`;
  function choose(item: T) {
    onChange(item);
    setText(describe(item));
    setOpen(false);
  }
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) return setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (options.length ? (i + step + options.length) % options.length : 0));
    } else if (event.key === 'Enter' && expanded) {
      // Enter picks the highlighted match instead of submitting the form.
      event.preventDefault();
      const item = options[active];
      if (item) choose(item);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  }
  const described = [`${id}-status`, hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');

  return (
    <div className="field combobox">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-listbox`}
        aria-activedescendant={expanded && options[active] ? optionId(active) : undefined}
        aria-invalid={!!error}
        aria-describedby={described}
        placeholder={placeholder}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
          if (value) onChange(null);
        }}
        onFocus={() => setOpen(!value)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <input type="hidden" name={name} value={value?.id ?? ''} />
      <div
        id={`${id}-listbox`}
        role="listbox"
        aria-label={`${label}: matches`}
        className="combobox-options"
        hidden={!expanded || !options.length}
      >
        {options.map((item, i) => (
          <div
            key={item.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            // Focus stays in the box (aria-activedescendant names the highlighted option).
            tabIndex={-1}
            className="combobox-option"
            // mousedown, not click: the input's blur would close the list before a click lands.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(item);
            }}
            onMouseEnter={() => setActive(i)}
          >
            {renderItem(item)}
          </div>
        ))}
      </div>
      <small id={`${id}-status`} className="hint" aria-live="polite">
        {statusLine(expanded ? found : { status: 'idle' }, value !== null, noun)}
      </small>
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

function statusLine<T>(found: SearchState<T>, chosen: boolean, noun: string): string {
  if (found.status === 'loading') return 'Searching…';
  if (found.status === 'error') return 'The search failed; type again to retry.';
  if (found.status === 'ready') {
    const { items, total } = found.matches;
    if (!total) return `No ${noun} matches.`;
    const more = total > items.length ? `, first ${items.length} shown` : '';
    return `${total} match${total === 1 ? '' : 'es'}${more}; arrows to move, Enter to choose.`;
  }
  return chosen ? `Chosen. Type to search for another ${noun}.` : `No ${noun} chosen.`;
}

/** The matches for `text` (null: not searching), the latest search winning over slower earlier ones. */
function useSearch<T>(text: string | null, search: (text: string) => Promise<Matches<T>>): SearchState<T> {
  const [state, setState] = useState<SearchState<T>>({ status: 'idle' });
  const searchRef = useRef(search);
  searchRef.current = search;
  useEffect(() => {
    if (text === null) {
      setState({ status: 'idle' });
      return;
    }
    let current = true;
    setState({ status: 'loading' });
    const timer = setTimeout(() => {
      searchRef.current(text.trim()).then(
        (matches) => current && setState({ status: 'ready', matches }),
        () => current && setState({ status: 'error' }),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text]);
  return state;
}
