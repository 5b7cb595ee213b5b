import type { AppError } from '../../shared/errors';

interface ErrorPanelProps {
  title: string;
  error: AppError;
  actionLabel?: string;
  onAction?: () => void;
}

/** An error the user can act on: what happened, in plain words, and the one thing to do next. */
export function ErrorPanel({ title, error, actionLabel, onAction }: ErrorPanelProps) {
  return (
    <section className="error-panel" role="alert">
      <h2>{title}</h2>
      <p>{error.message}</p>
      {error.issues && error.issues.length > 0 && (
        <ul>
          {error.issues.map((issue, index) => (
            <li key={index}>{issue.path ? `${issue.path}: ${issue.message}` : issue.message}</li>
          ))}
        </ul>
      )}
      {onAction && (
        <button type="button" className="button button-primary" onClick={onAction}>
          {actionLabel ?? 'Try again'}
        </button>
      )}
    </section>
  );
}
