import type { ReactNode } from 'react';
import './table-scroll.css';

/**
 * The box around a table that may be wider than a phone: the table scrolls sideways inside it (the page
 * never does), its first column stays in view, and keyboard users can focus the box to scroll it
 * (a named region: so a screen reader says what it scrolls).
 */
export function TableScroll({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    // A <section> with a name is a region.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a box that scrolls must take the focus to scroll by keyboard (WCAG 2.1.1).
    <section className={className ? `scroll-region ${className}` : 'scroll-region'} aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
