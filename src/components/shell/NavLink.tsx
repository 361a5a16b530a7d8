'use client';

import type { LucideIcon } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

/** A group of sidebar links under a small heading ("Fleet", "Insights", ...). */
export function NavGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="nav-group">
      <p className="nav-group-title">{title}</p>
      <ul className="nav-list">{children}</ul>
    </div>
  );
}

/** A sidebar link with its icon; current on its own URL and (unless `exact`) on the pages below it. */
export function NavLink({
  href,
  icon: Icon,
  children,
  exact = false,
}: {
  href: string;
  icon: LucideIcon;
  children: ReactNode;
  exact?: boolean;
}) {
  const pathname = usePathname();
  const current = pathname === href ? 'page' : !exact && pathname.startsWith(`${href}/`) ? 'location' : undefined;
  return (
    <li>
      <Link href={href} aria-current={current} className="nav-link">
        <Icon size={16} aria-hidden="true" className="nav-icon" />
        <span>{children}</span>
      </Link>
    </li>
  );
}
