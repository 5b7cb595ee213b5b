import type { ReactNode } from 'react';

interface StatusCardProps {
  title: string;
  /** `warn`: not yet a problem, but one is coming (the disk fills within two weeks). */
  state: 'good' | 'warn' | 'bad';
  headline: string;
  children?: ReactNode;
  /** A button under the details: the one thing to do about it. */
  action?: ReactNode;
}

/** One line of kiosk health: a word and a colour that read at a glance in sunlight, details below. */
export function StatusCard({ title, state, headline, children, action }: StatusCardProps) {
  return (
    <article className={`status-card status-${state}`} aria-label={title}>
      <h3>{title}</h3>
      <p className="status-headline">
        <span className="status-dot" aria-hidden="true" />
        {headline}
      </p>
      {children && <dl className="status-details">{children}</dl>}
      {action && <div className="status-action">{action}</div>}
    </article>
  );
}

export function Detail({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="detail">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
