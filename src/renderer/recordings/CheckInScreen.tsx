// Flight check-in: passenger names, contact, pilot, crew, time, notes, with both cameras live beside the form
// so the crew can see they are working before the passenger walks to the aircraft.
import { useEffect } from 'react';
import '../capture/capture.css';
import { ErrorPanel } from '../components/ErrorPanel';
import { StreamVideo } from '../components/StreamVideo';
import { TextField } from '../components/TextField';
import { cameraName, useCaptureStore } from '../capture/store';
import { useCheckInStore } from './checkin-store';
import { navigate } from '../shell/route';
import { useSessionStore } from '../auth/session';
import { CameraWarnings } from '../components/CameraWarnings';
import { WaitingCheckins } from '../checkin/WaitingCheckins';
import { ActionButton } from '../components/ActionButton';

const HALF_HOUR_MS = 30 * 60_000;

function problemFor(path: string, issues: Array<{ path: string; message: string }> | undefined) {
  return issues?.find((issue) => issue.path === path || issue.path.endsWith(`.${path}`))?.message ?? null;
}

export function CheckInScreen() {
  const { roster, form, busy, error, loadRoster, edit, submit } = useCheckInStore();
  const { feeds, matches, openCameras } = useCaptureStore();
  const me = useSessionStore((state) => state.user);

  useEffect(() => {
    void loadRoster();
    void openCameras();
  }, [loadRoster, openCameras]);

  const staffId = form.staffMemberId === undefined ? (me?.id ?? null) : form.staffMemberId;
  const onSubmit = async () => {
    const id = await submit();
    if (id) navigate('capture', id);
  };
  const shift = (ms: number) => edit({ flightAt: new Date(form.flightAt.getTime() + ms) });

  return (
    <div className="checkin-screen">
      <div className="screen-heading">
        <h1>Check in a flight</h1>
        <p className="lead">Then film the three scenes: cruising, chase, arrival.</p>
      </div>
      <div className="checkin-columns">
        <section className="checkin-form" aria-label="Passenger">
          <TextField
            label="Passenger name(s)"
            value={form.passengerNames}
            maxLength={200}
            placeholder="e.g. Ana and Ben Silva"
            onChange={(passengerNames) => edit({ passengerNames })}
            problem={problemFor('passengerNames', error?.issues)}
          />
          <TextField
            label="E-mail (optional)"
            keys="email"
            value={form.customerEmail}
            maxLength={200}
            onChange={(customerEmail) => edit({ customerEmail })}
            problem={problemFor('customerEmail', error?.issues)}
          />
          <TextField
            label="Phone (optional)"
            keys="phone"
            value={form.customerPhone}
            maxLength={40}
            onChange={(customerPhone) => edit({ customerPhone })}
            problem={problemFor('customerPhone', error?.issues)}
          />
          <TextField
            label="Notes (optional)"
            value={form.notes}
            maxLength={2000}
            onChange={(notes) => edit({ notes })}
          />
          {error && <ErrorPanel title="The flight was not checked in" error={error} />}
          <div className="action-bar sticky-actions">
            <button type="button" className="button" onClick={() => navigate('flights')}>
              Cancel
            </button>
            <ActionButton
              className="button button-primary button-large"
              label="Check in and film"
              missing={form.passengerNames.trim() === '' ? 'Type a name first.' : null}
              busy={busy}
              busyLabel="Checking in…"
              onClick={() => void onSubmit()}
            />
          </div>
        </section>

        <section className="checkin-side" aria-label="Flight">
          <WaitingCheckins />
          <div className="choice-group" role="group" aria-label="Flight time">
            <span className="choice-label">Flight time</span>
            <div className="time-picker">
              <button type="button" className="button" onClick={() => shift(-HALF_HOUR_MS)}>
                − 30 min
              </button>
              <output className="time-value" aria-label="Flight time">
                {form.flightAt.toLocaleString([], {
                  weekday: 'short',
                  day: 'numeric',
                  month: 'short',
                  hour: '2-digit',
                  minute: '2-digit',
                })}
              </output>
              <button type="button" className="button" onClick={() => shift(HALF_HOUR_MS)}>
                + 30 min
              </button>
            </div>
          </div>

          <div className="choice-group" role="group" aria-label="Pilot">
            <span className="choice-label">Pilot</span>
            <div className="segmented">
              {(roster?.pilots ?? []).map((pilot) => (
                <button
                  key={pilot.id}
                  type="button"
                  className={form.pilotId === pilot.id ? 'segment selected' : 'segment'}
                  aria-pressed={form.pilotId === pilot.id}
                  onClick={() => edit({ pilotId: form.pilotId === pilot.id ? null : pilot.id })}
                >
                  {pilot.name}
                </button>
              ))}
              {roster && roster.pilots.length === 0 && (
                <span className="hint">No pilots yet: a manager adds them under People.</span>
              )}
            </div>
          </div>

          <div className="choice-group" role="group" aria-label="Crew looking after the flight">
            <span className="choice-label">Crew</span>
            <div className="segmented">
              {(roster?.staff ?? []).map((person) => (
                <button
                  key={person.id}
                  type="button"
                  className={staffId === person.id ? 'segment selected' : 'segment'}
                  aria-pressed={staffId === person.id}
                  onClick={() => edit({ staffMemberId: person.id })}
                >
                  {person.name}
                </button>
              ))}
            </div>
          </div>

          <div className="preview-pair" aria-label="Camera previews">
            {matches.map((match) => (
              <figure key={match.camera} className="preview" data-camera={match.camera}>
                <StreamVideo
                  stream={feeds[match.camera]}
                  label={`${cameraName(match.camera, match.assignment.source)} live`}
                />
                <figcaption>{cameraName(match.camera, match.assignment.source)}</figcaption>
              </figure>
            ))}
          </div>
          <CameraWarnings />
        </section>
      </div>
    </div>
  );
}
