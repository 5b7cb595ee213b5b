// "Waiting self check-ins" on the crew's Check-in screen: who checked in on the passenger screen, when, and
// whether they signed. One tap opens the dialog that makes it a flight (pilot and time); or dismiss it.
import { useEffect, useState } from 'react';
import { TRIP_PURPOSE_LABELS, type WaitingCheckin } from '../../shared/checkin';
import { defaultFlightTime } from '../../shared/flight-time';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Dialog } from '../components/Dialog';
import { ErrorPanel } from '../components/ErrorPanel';
import { navigate } from '../shell/route';
import { POLL_MS, useCrewCheckinStore } from './crew-store';
import './checkin.css';

const HALF_HOUR_MS = 30 * 60_000;
const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function WaitingCheckins() {
  const { waiting, error, loadWaiting, clearError } = useCrewCheckinStore();
  const [open, setOpen] = useState<WaitingCheckin | null>(null);

  useEffect(() => {
    void loadWaiting();
    const timer = window.setInterval(() => void loadWaiting(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [loadWaiting]);

  return (
    <section className="waiting-checkins" aria-label="Waiting self check-ins">
      <h2>Waiting self check-ins{waiting && waiting.length > 0 ? ` (${waiting.length})` : ''}</h2>
      {error && !open && (
        <ErrorPanel title="Self check-ins" error={error} actionLabel="OK" onAction={clearError} />
      )}
      {waiting && waiting.length === 0 && (
        <p className="hint">Nobody is waiting. Passengers who check in on the check-in screen show here.</p>
      )}
      <ul className="waiting-list">
        {(waiting ?? []).map((checkin) => (
          <li key={checkin.id}>
            <button type="button" className="waiting-row" onClick={() => setOpen(checkin)}>
              <span className="waiting-names">{checkin.passengerNames}</span>
              <span className="waiting-facts">
                {time(checkin.createdAt)}
                {checkin.origin ? ` · from ${checkin.origin}` : ''}
                {checkin.tripPurpose ? ` · ${TRIP_PURPOSE_LABELS[checkin.tripPurpose]}` : ''}
              </span>
              <span className={checkin.signed ? 'chip chip-good' : 'chip chip-warn'}>
                {checkin.signed ? `Waiver signed ✓ (v${checkin.waiverVersion ?? '?'})` : 'Not signed'}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {open && <ConvertDialog checkin={open} onClose={() => setOpen(null)} />}
    </section>
  );
}

function ConvertDialog({ checkin, onClose }: { checkin: WaitingCheckin; onClose(): void }) {
  const { roster, busy, error, loadRoster, convert, dismiss, clearError } = useCrewCheckinStore();
  const [pilotId, setPilotId] = useState<string | null>(null);
  const [flightAt, setFlightAt] = useState(() =>
    checkin.preferredFlightAt ? new Date(checkin.preferredFlightAt) : defaultFlightTime(new Date()),
  );
  const [confirmDismiss, setConfirmDismiss] = useState(false);
  useEffect(() => {
    clearError();
    void loadRoster();
  }, [loadRoster, clearError]);

  if (confirmDismiss) {
    return (
      <ConfirmDialog
        title="Remove this check-in?"
        confirmLabel="Remove it"
        cancelLabel="Keep it waiting"
        busy={busy}
        onCancel={() => setConfirmDismiss(false)}
        onConfirm={() => void dismiss(checkin.id).then((done) => done && onClose())}
      >
        <p>
          {checkin.passengerNames} leave the waiting list and no flight is made. Their signed waiver is kept.
        </p>
      </ConfirmDialog>
    );
  }

  return (
    <Dialog title={`Flight for ${checkin.passengerNames}`} onClose={onClose}>
      <div className="dialog-body convert-body">
        <div className="choice-group" role="group" aria-label="Pilot">
          <span className="choice-label">Pilot</span>
          <div className="segmented">
            {(roster?.pilots ?? []).map((pilot) => (
              <button
                key={pilot.id}
                type="button"
                className={pilotId === pilot.id ? 'segment selected' : 'segment'}
                aria-pressed={pilotId === pilot.id}
                onClick={() => setPilotId(pilotId === pilot.id ? null : pilot.id)}
              >
                {pilot.name}
              </button>
            ))}
            {roster && roster.pilots.length === 0 && (
              <span className="hint">No pilots yet: a manager adds them under People.</span>
            )}
          </div>
        </div>
        <div className="choice-group" role="group" aria-label="Flight time">
          <span className="choice-label">Flight time</span>
          <div className="time-picker">
            <button
              type="button"
              className="button"
              onClick={() => setFlightAt(new Date(flightAt.getTime() - HALF_HOUR_MS))}
            >
              − 30 min
            </button>
            <output className="time-value" aria-label="Flight time">
              {flightAt.toLocaleString([], {
                weekday: 'short',
                day: 'numeric',
                month: 'short',
                hour: '2-digit',
                minute: '2-digit',
              })}
            </output>
            <button
              type="button"
              className="button"
              onClick={() => setFlightAt(new Date(flightAt.getTime() + HALF_HOUR_MS))}
            >
              + 30 min
            </button>
          </div>
        </div>
        {error && <ErrorPanel title="The flight was not made" error={error} />}
      </div>
      <div className="dialog-actions sticky-actions">
        <button type="button" className="button button-danger" onClick={() => setConfirmDismiss(true)}>
          Remove…
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={() =>
            void convert(checkin.id, pilotId, flightAt).then((recordingId) => {
              if (!recordingId) return;
              onClose();
              navigate('capture', recordingId);
            })
          }
        >
          {busy ? 'Making the flight…' : 'Create flight'}
        </button>
      </div>
    </Dialog>
  );
}
