import { Component, type ErrorInfo, type ReactNode } from 'react';
import { reportRendererError } from '../system/store';

interface State {
  failed: boolean;
}

/** A screen that throws is replaced by a way back, and the error goes to the main log. Saved work is in main. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, _info: ErrorInfo): void {
    reportRendererError('app', error);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <section className="error-panel" role="alert">
        <h2>This screen stopped working</h2>
        <p>
          Nothing saved has been lost: recordings and sales are kept by the kiosk service. Reload the screen
          to carry on. The problem has been written to the log.
        </p>
        <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
          Reload the screen
        </button>
      </section>
    );
  }
}
