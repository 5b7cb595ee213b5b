// "Waiting self check-ins" on the crew's Check-in screen: who checked in on the passenger screen, when, and
// whether they signed. One tap opens the dialog that makes it a flight (pilot and time), or adds it to a flight
// the crew already checked in without a signed waiver (so that flight may be filmed); or dismiss it.
import { useEffect, useState } from 'react';
import { TRIP_PURPOSE_LABELS, type UnsignedFlight, type WaitingCheckin } from '../../shared/checkin';
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
  const {
    roster,
    unsignedFlights,
    busy,
    error,
    loadRoster,
    loadUnsignedFlights,
    convert,
    dismiss,
    clearError,
  } = useCrewCheckinStore();
  const [pilotId, setPilotId] = useState<string | null>(null);
  const [flightAt, setFlightAt] = useState(() =>
    checkin.preferredFlightAt ? new Date(checkin.preferredFlightAt) : defaultFlightTime(new Date()),
  );
  const [confirmDismiss, setConfirmDismiss] = useState(false);
  useEffect(() => {
    clearError();
    void loadRoster();
    void loadUnsignedFlights();
  }, [loadRoster, loadUnsignedFlights, clearError]);
  const [adding, setAdding] = useState<string | null>(null);
  const hasFlights = checkin.signed && (unsignedFlights?.length ?? 0) > 0;
  const done = (recordingId: string | null) => {
    setAdding(null);
    if (!recordingId) return;
    onClose();
    navigate('capture', recordingId);
  };

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
        {hasFlights && unsignedFlights && (
          <UnsignedFlights
            flights={unsignedFlights}
            busy={busy}
            adding={adding}
            onAdd={(flight) => {
              setAdding(flight.id);
              void convert(checkin.id, null, flightAt, flight.id).then(done);
            }}
          />
        )}
        <div className="choice-group" role="group" aria-label="Pilot">
          <span className="choice-label">{hasFlights ? 'Or a new flight: pilot' : 'Pilot'}</span>
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
        {error && <ErrorPanel title="The check-in was not used" error={error} />}
      </div>
      <div className="dialog-actions sticky-actions">
        <button type="button" className="button button-danger" onClick={() => setConfirmDismiss(true)}>
          Remove…
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={() => void convert(checkin.id, pilotId, flightAt).then(done)}
        >
          {busy && !adding ? 'Making the flight…' : 'Create flight'}
        </button>
      </div>
    </Dialog>
  );
}

/** Flights already checked in without a signed waiver: one tap adds this check-in (and its waiver) to one. */
function UnsignedFlights({
  flights,
  busy,
  adding,
  onAdd,
}: {
  flights: UnsignedFlight[];
  busy: boolean;
  adding: string | null;
  onAdd(flight: UnsignedFlight): void;
}) {
  return (
    <div className="choice-group" role="group" aria-label="Flights without a signed waiver">
      <span className="choice-label">
        Already checked in by the crew, without a waiver? Add to that flight
      </span>
      <span className="hint">
        Its pilot and time stay; details left empty there are filled from this check-in.
      </span>
      <ul className="unsigned-flights">
        {flights.map((flight) => (
          <li key={flight.id}>
            <button
              type="button"
              className="button unsigned-flight"
              disabled={busy}
              onClick={() => onAdd(flight)}
            >
              {adding === flight.id
                ? 'Adding…'
                : `Add to ${flight.passengerNames}, ${flightTime(flight.flightAt)}`}
              {flight.filmedScenes > 0 && (
                <span className="unsigned-filmed">
                  {flight.filmedScenes === 1 ? '1 scene filmed' : `${flight.filmedScenes} scenes filmed`}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "14:30" today, "Sun 14:30" another day. */
function flightTime(iso: string): string {
  const at = new Date(iso);
  const today = new Date().toDateString() === at.toDateString();
  return at.toLocaleString([], {
    ...(today ? {} : { weekday: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
  });
}
