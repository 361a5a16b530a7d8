'use client';

import { useState } from 'react';

/**
 * An item page's edit mode: Edit opens the form (hiding an earlier "Changes saved."), Cancel closes
 * it, saving closes it and says so.
 */
export function useEditing() {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  return {
    editing,
    saved,
    start: () => {
      setEditing(true);
      setSaved(false);
    },
    cancel: () => setEditing(false),
    done: () => {
      setEditing(false);
      setSaved(true);
    },
  };
}

/** The notice after a save, announced to screen readers. */
export function SavedNotice({ shown }: { shown: boolean }) {
  if (!shown) return null;
  return (
    <p className="notice" role="status">
      Changes saved.
    </p>
  );
}
