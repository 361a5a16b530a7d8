/**
 * The product's mark: a node sending signal arcs, on a rounded square. The same drawing is the
 * favicon (src/app/icon.svg); keep them alike.
 */
export function LogoMark({ size = 24 }: { size?: number }) {
  return (
    <svg className="logo-mark" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="var(--brand, #3b5bdb)" />
      <circle cx="11" cy="21" r="3" fill="#fff" />
      <path d="M11 13.5a7.5 7.5 0 0 1 7.5 7.5" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" />
      <path d="M11 7.5a13.5 13.5 0 0 1 13.5 13.5" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinecap="round" opacity="0.7" />
    </svg>
  );
}

/** The mark and the product's name, at the top of the sidebar. */
export function Brand({ caption }: { caption?: string }) {
  return (
    <div className="shell-brand">
      <LogoMark />
      <span className="shell-brand-text">
        <span className="shell-brand-name">IoT Connectivity Portal</span>
        {caption && <span className="shell-brand-caption">{caption}</span>}
      </span>
    </div>
  );
}
