// Admin: passenger check-in and the waiver — lock this screen to the passenger form, read the current waiver,
// publish a new version (asked first: passengers sign it from then on), and the older versions, which are kept.
import { useEffect, useState } from 'react';
import { formatDateTime, plural } from '../format';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorPanel } from '../components/ErrorPanel';
import { TextField } from '../components/TextField';
import { LockScreenButton } from './LockScreenButton';
import { useCrewCheckinStore } from './crew-store';
import { useWaiverStore } from './waiver-store';
import './checkin.css';

export function WaiverScreen() {
  const { versions, busy, error, published, liveScreens, stopped, load, publish, stopScreens } =
    useWaiverStore();
  const [stopping, setStopping] = useState(false);
  const lockError = useCrewCheckinStore((state) => state.error);
  const [draft, setDraft] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  useEffect(() => {
    void load();
  }, [load]);

  const current = versions?.[0] ?? null;
  const text = draft ?? current?.text ?? '';
  const changed = current !== null && text.trim() !== current.text && text.trim().length >= 20;

  return (
    <div className="admin-screen waiver-screen">
      <h1>Passenger check-in and waiver</h1>
      <section className="waiver-lock">
        <p className="lead">
          A tablet or a second screen becomes the passenger form: open MagnumStream on it, sign in as a
          manager and tap the button below on that screen.
        </p>
        <LockScreenButton />
        {lockError && <ErrorPanel title="The screen was not turned into check-in" error={lockError} />}
        {liveScreens !== null && liveScreens > 0 && (
          <div className="settings-actions">
            <p>
              {plural(liveScreens, 'screen')} set up for passenger check-in now. A tablet lost or taken can be
              stopped from here.
            </p>
            <button type="button" className="button button-danger" onClick={() => setStopping(true)}>
              Stop every check-in screen
            </button>
          </div>
        )}
        {stopped !== null && (
          <p className="inline-ok">
            {plural(stopped, 'check-in screen')} stopped. Set up the ones you still use again.
          </p>
        )}
      </section>
      {error && <ErrorPanel title="The waiver was not published" error={error} />}
      {published && (
        <p className="inline-ok">Version {published} is published. Passengers sign it from now on.</p>
      )}
      {current && (
        <section aria-label="Current waiver">
          <h2>
            Current waiver: version {current.version}{' '}
            <span className="hint">
              ({formatDateTime(current.createdAt)}
              {current.createdBy ? `, ${current.createdBy}` : ''}, {plural(current.signatures, 'signature')})
            </span>
          </h2>
          <TextField
            label="Waiver text (edit, then publish as a new version)"
            value={text}
            lines={10}
            maxLength={20_000}
            onChange={setDraft}
          />
          <div className="settings-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={!changed}
              onClick={() => setAsking(true)}
            >
              Publish as version {current.version + 1}
            </button>
          </div>
        </section>
      )}
      {versions && versions.length > 1 && (
        <section aria-label="Older versions">
          <h2>Older versions</h2>
          <ul className="waiver-versions">
            {versions.slice(1).map((version) => (
              <li key={version.id}>
                <button
                  type="button"
                  className="waiver-version-row"
                  aria-expanded={shown === version.id}
                  onClick={() => setShown(shown === version.id ? null : version.id)}
                >
                  Version {version.version} · {formatDateTime(version.createdAt)} ·{' '}
                  {plural(version.signatures, 'signature')}
                </button>
                {shown === version.id && <div className="waiver-text">{version.text}</div>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {stopping && liveScreens !== null && (
        <ConfirmDialog
          title="Stop every check-in screen?"
          confirmLabel="Stop them all"
          cancelLabel="Keep them"
          busy={busy}
          onCancel={() => setStopping(false)}
          onConfirm={() => void stopScreens().then(() => setStopping(false))}
        >
          <p>
            {liveScreens === 1 ? 'That screen stops' : `Those ${liveScreens} screens stop`} taking check-ins
            at once. Check-ins already sent stay in the crew’s list. To use a tablet again, sign in on it as a
            manager and set it up again.
          </p>
        </ConfirmDialog>
      )}
      {asking && current && (
        <ConfirmDialog
          title={`Publish waiver version ${current.version + 1}?`}
          confirmLabel="Publish"
          cancelLabel="Keep editing"
          tone="primary"
          busy={busy}
          onCancel={() => setAsking(false)}
          onConfirm={() =>
            void publish(text.trim()).then((done) => {
              setAsking(false);
              if (done) setDraft(null);
            })
          }
        >
          <p>
            Every passenger who checks in from now on signs the new text. Version {current.version} and the
            signatures given to it are kept.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
