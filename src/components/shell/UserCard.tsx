import type { ReactNode } from 'react';
import { SignOutButton } from '../auth/SignOutButton';

/** The bottom of the sidebar: who is signed in, and the way out (and what else the shell puts there). */
export function UserCard({ name, email, children }: { name: string; email: string; children?: ReactNode }) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
  return (
    <div className="sidebar-footer">
      {children}
      <div className="who-row">
        <span className="avatar" aria-hidden="true">
          {initials || '?'}
        </span>
        <div className="who">
          <span className="who-name">{name}</span>
          <span className="who-email" title={email}>
            {email}
          </span>
        </div>
      </div>
      <SignOutButton className="button button-small button-block" />
    </div>
  );
}
