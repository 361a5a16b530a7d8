'use client';

import { useState } from 'react';
import { endBrowserSession } from './session';

export function SignOutButton({ className = 'button button-small' }: { className?: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className={className}
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void endBrowserSession();
      }}
    >
      {busy ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
