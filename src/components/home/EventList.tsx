'use client';

import { History } from 'lucide-react';
import Link from 'next/link';
import type { FleetEventItemFragment } from '../api/generated/graphql';
import { formatAge, formatDateTime } from '../format';
import { eventSubject, eventTitle } from './event-words';
import './home.css';

/**
 * Fleet events, newest first: what happened, to which object (a link while it exists) and when. On an
 * object's own page (`ownHref`) the object is not named again.
 */
export function EventList({
  events,
  workspaceId,
  label,
  ownHref,
}: {
  events: FleetEventItemFragment[];
  workspaceId: string;
  label: string;
  ownHref?: string;
}) {
  const now = Date.now();
  return (
    <ul className="event-list" aria-label={label}>
      {events.map((event) => {
        const found = eventSubject(event, workspaceId);
        const subject = found && ownHref && found.href === ownHref ? null : found;
        return (
          <li key={event.id}>
            <History className="event-icon" aria-hidden="true" size={16} />
            <span className="event-what">
              <strong>{eventTitle(event)}</strong>
              {subject &&
                (subject.href ? (
                  <Link href={subject.href} className="event-subject">
                    {subject.label}
                  </Link>
                ) : (
                  <span className="event-subject">{subject.label}</span>
                ))}
            </span>
            <time className="event-when muted small" dateTime={event.createdAt} title={formatDateTime(event.createdAt)}>
              {formatAge(event.createdAt, now)}
            </time>
          </li>
        );
      })}
    </ul>
  );
}
