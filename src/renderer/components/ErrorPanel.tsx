// The one way a screen shows an error: a title, what happened and what to do, and each value refused.
import type { AppError } from '../../shared/errors';

interface ErrorPanelProps {
  title: string;
  error: AppError;
  actionLabel?: string;
  onAction?: () => void;
}

/** An error the user can act on: what happened, in plain words, and the one thing to do next. */
export function ErrorPanel({ title, error, actionLabel, onAction }: ErrorPanelProps) {
  // Each refused value once, in words: not the field's name in the code (customerEmail), and not again when
  // the message above already says it.
  const more = [...new Set((error.issues ?? []).map((issue) => issue.message.trim()))].filter(
    (message) => message !== '' && !error.message.includes(message),
  );
  return (
    <section className="error-panel" role="alert">
      <h2>{title}</h2>
      <p>{error.message}</p>
      {more.length > 0 && (
        <ul>
          {more.map((message) => (
            <li key={message}>{message}</li>
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
