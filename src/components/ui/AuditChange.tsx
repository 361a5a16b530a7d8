/** An audit event's state before and after, folded away, for the tenant and the platform audit logs alike. */
export function AuditChange({ before, after }: { before: string | null; after: string | null }) {
  if (!before && !after) return <span className="muted">—</span>;
  return (
    <details>
      <summary>Before / after</summary>
      <div className="diff">
        <div>
          <strong>Before</strong>
          <pre>{pretty(before)}</pre>
        </div>
        <div>
          <strong>After</strong>
          <pre>{pretty(after)}</pre>
        </div>
      </div>
    </details>
  );
}

/** The stored JSON, indented; kept as it is when it does not parse. */
function pretty(json: string | null): string {
  if (!json) return '—';
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}
