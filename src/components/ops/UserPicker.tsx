'use client';

import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { request } from '../api/client';
import { OpsUserChoicesDocument } from '../api/generated/graphql';

/** A user as the picker shows them; name and email are unknown for an id that came from a URL. */
export interface UserChoice {
  id: string;
  name?: string;
  email?: string;
}

const SHOWN = 20;
/** Typing pauses this long before the search goes out, so a word is one request, not one per letter. */
const DEBOUNCE_MS = 200;

type Matches = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; users: UserChoice[]; total: number } | { status: 'error' };

export function describeUser(user: UserChoice): string {
  if (user.name && user.email) return `${user.name} (${user.email})`;
  return user.name ?? user.email ?? `User ${user.id}`;
}

/**
 * Choosing one user of the platform: a combobox (ARIA 1.2) searching email and name as one types, the
 * matches in a listbox (arrow keys move, Enter chooses, Escape closes). The chosen id travels in a
 * hidden input named `name`, so the surrounding form reads it like any other field.
 */
export function UserPicker({
  label,
  name,
  value,
  onChange,
  hint,
  error,
}: {
  label: string;
  name: string;
  value: UserChoice | null;
  onChange: (user: UserChoice | null) => void;
  hint?: string;
  error?: string | null;
}) {
  const id = useId();
  const [text, setText] = useState(value ? describeUser(value) : '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useUserSearch(open ? text : null);
  // A value given from outside (the user just created, the actor of the URL) shows as the box's text.
  const shown = value ? describeUser(value) : null;
  useEffect(() => {
    if (shown !== null) setText(shown);
  }, [shown]);

  const options = matches.status === 'ready' ? matches.users : [];
  const expanded = open && matches.status !== 'idle';
  const optionId = (i: number) => `${id}-option-${i}`;
  function choose(user: UserChoice) {
    onChange(user);
    setText(describeUser(user));
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
      const user = options[active];
      if (user) choose(user);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  }
  const described = [`${id}-status`, hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');

  return (
    <div className="field user-picker">
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
        placeholder="Type part of a name or email"
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
        className="user-options"
        hidden={!expanded || !options.length}
      >
        {options.map((user, i) => (
          <div
            key={user.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            // Focus stays in the box (aria-activedescendant names the highlighted option): -1 keeps options out of the Tab order.
            tabIndex={-1}
            className="user-option"
            // mousedown, not click: the input's blur would close the list before a click lands.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(user);
            }}
            onMouseEnter={() => setActive(i)}
          >
            <strong>{user.name}</strong> <span className="muted small">{user.email}</span>
          </div>
        ))}
      </div>
      <small id={`${id}-status`} className="hint" aria-live="polite">
        {statusLine(expanded ? matches : { status: 'idle' }, value)}
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

function statusLine(matches: Matches, value: UserChoice | null): string {
  if (matches.status === 'loading') return 'Searching…';
  if (matches.status === 'error') return 'The search failed; type again to retry.';
  if (matches.status === 'ready') {
    if (!matches.total) return 'No user matches.';
    const more = matches.total > matches.users.length ? `, first ${matches.users.length} shown` : '';
    return `${matches.total} match${matches.total === 1 ? '' : 'es'}${more}; arrows to move, Enter to choose.`;
  }
  return value ? 'Chosen. Type to search for another user.' : 'No user chosen.';
}

/** The users matching `search` (null: not searching), the latest search winning over slower earlier ones. */
function useUserSearch(search: string | null): Matches {
  const [matches, setMatches] = useState<Matches>({ status: 'idle' });
  useEffect(() => {
    if (search === null) {
      setMatches({ status: 'idle' });
      return;
    }
    let current = true;
    setMatches({ status: 'loading' });
    const timer = setTimeout(() => {
      request(OpsUserChoicesDocument, { search: search.trim(), first: SHOWN })
        .then(({ users }) => {
          if (current) setMatches({ status: 'ready', users: users.edges.map((e) => e.node), total: users.totalCount });
        })
        .catch(() => {
          if (current) setMatches({ status: 'error' });
        });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [search]);
  return matches;
}
