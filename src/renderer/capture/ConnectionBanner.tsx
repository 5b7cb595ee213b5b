// The filming screen's word on the connection to the kiosk service: lost (and what is kept meanwhile), back
// (and what is still being sent). Shown within a second of the change; the take itself never waits for it.
import { ProgressBar } from '../components/ProgressBar';
import { useCaptureStore } from './store';
import { connectionBackText, connectionLostText } from './take-messages';

export interface ConnectionNote {
  lost: boolean;
  text: string;
  /** Share of the kept footage sent (shown while it is being sent, or waited on at stop). */
  sent: number | null;
}

/** What to say about the connection now, or null when there is nothing to say. */
export function useConnectionNote(): ConnectionNote | null {
  const { online, backSince, phase, link } = useCaptureStore();
  const waiting = link?.waitingSeconds ?? 0;
  if (!online) {
    const filming = phase === 'recording' || phase === 'stopping' ? phase : 'idle';
    return {
      lost: true,
      text: connectionLostText(filming, waiting),
      sent: phase === 'stopping' && link ? link.sentShare : null,
    };
  }
  const catchingUp = link?.backlog ?? false;
  if (!catchingUp && backSince === null) return null;
  return {
    lost: false,
    text: link ? connectionBackText(catchingUp ? waiting : 0) : 'Connection back.',
    sent: catchingUp && link ? link.sentShare : null,
  };
}

export function ConnectionBanner({ note }: { note: ConnectionNote }) {
  const progress = note.sent !== null && (
    <ProgressBar label="Kept footage sent to the kiosk service" value={note.sent} />
  );
  return note.lost ? (
    <section className="connection-banner connection-lost" role="alert">
      <p>{note.text}</p>
      {progress}
    </section>
  ) : (
    // Not a status role: the take's own "saved" message is the screen's status.
    <section className="connection-banner connection-back" aria-live="polite">
      <p>{note.text}</p>
      {progress}
    </section>
  );
}
