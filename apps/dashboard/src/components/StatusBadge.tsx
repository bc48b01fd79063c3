import type { StatusLook } from '../status.ts';

/** A status as a symbol and a word; the colour only repeats what they say. */
export function StatusBadge({ look, prefix }: { look: StatusLook; prefix?: string }) {
  return (
    <span className={`status status-${look.tone}`}>
      <span aria-hidden="true" className="status-icon">
        {look.icon}
      </span>
      {prefix ? <span className="visually-hidden">{prefix} </span> : null}
      {look.label}
    </span>
  );
}

export function NewBadge() {
  return <span className="new-badge">New</span>;
}
