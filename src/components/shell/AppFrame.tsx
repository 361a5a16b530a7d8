'use client';

import * as RadixDialog from '@radix-ui/react-dialog';
import { Menu, X } from 'lucide-react';
import { usePathname } from 'next/navigation';
import { type MouseEvent, type ReactNode, useEffect, useState } from 'react';
import './shell.css';

/** Below this width the sidebar is a drawer behind the top bar's menu button (as in shell.css). */
const PHONE_QUERY = '(max-width: 767.98px)';

/**
 * The product's frame: on a desktop a sidebar beside the page; below 768 px a top bar (menu button,
 * `topBar`) and the same sidebar in a drawer (Radix Dialog: focus kept inside, Escape closes it), which
 * closes on navigation. The page gets the remaining width and never more (minmax(0, 1fr)): a wide
 * table scrolls inside its own container.
 */
export function AppFrame({
  sidebar,
  topBar,
  label,
  children,
}: {
  sidebar: ReactNode;
  topBar: ReactNode;
  /** What the drawer is called for screen readers, e.g. "Workspace menu". */
  label: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new pathname is the trigger (the user navigated).
  useEffect(() => setOpen(false), [pathname]);

  // Grown past the phone width (rotation, a resized window): the drawer has no place any more.
  useEffect(() => {
    const query = window.matchMedia(PHONE_QUERY);
    const onChange = () => {
      if (!query.matches) setOpen(false);
    };
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  // A link to the page already shown does not change the pathname: close on any link followed.
  const onDrawerClick = (event: MouseEvent<HTMLElement>) => {
    if (event.target instanceof Element && event.target.closest('a[href]')) setOpen(false);
  };

  return (
    <div className="app">
      <RadixDialog.Root open={open} onOpenChange={setOpen}>
        <header className="mobile-bar">
          <RadixDialog.Trigger asChild>
            <button type="button" className="icon-button" aria-label="Open menu" aria-expanded={open}>
              <Menu size={20} aria-hidden="true" />
            </button>
          </RadixDialog.Trigger>
          <div className="mobile-bar-title">{topBar}</div>
        </header>
        <RadixDialog.Portal>
          <RadixDialog.Overlay className="overlay" />
          <RadixDialog.Content className="drawer" aria-describedby={undefined} onClick={onDrawerClick}>
            <RadixDialog.Title className="visually-hidden">{label}</RadixDialog.Title>
            <RadixDialog.Close asChild>
              <button type="button" className="icon-button drawer-close" aria-label="Close menu">
                <X size={18} aria-hidden="true" />
              </button>
            </RadixDialog.Close>
            <div className="sidebar-body">{sidebar}</div>
          </RadixDialog.Content>
        </RadixDialog.Portal>
      </RadixDialog.Root>
      <aside className="sidebar" aria-label="Sidebar">
        <div className="sidebar-body">{sidebar}</div>
      </aside>
      <main className="content">{children}</main>
    </div>
  );
}
