// Admin: where backups go (a USB drive or a typed folder), Back up now with its progress, how many backups to
// keep and the daily time, the last runs, and the way to restore one.
import { useEffect, useState } from 'react';
import type { BackupRun, BackupSettings, BackupsStatus } from '../../shared/backups';
import { MAX_KEEP_GENERATIONS } from '../../shared/backups';
import { ErrorPanel } from '../components/ErrorPanel';
import { ProgressBar } from '../components/ProgressBar';
import { Segmented } from '../components/Segmented';
import { closeKeyboard, TextField } from '../components/TextField';
import { formatBytes, formatDateTime, plural } from '../format';
import { navigate } from '../shell/route';
import { RestorePanel } from './RestorePanel';
import { useBackupsStore, useRestoreStore } from './store';
import { OUTCOME_LABELS, TRIGGER_LABELS, backupAge, progressFraction, progressLine } from './words';
import './backups.css';
import { ActionButton } from '../components/ActionButton';

export function BackupsScreen() {
  const { status, error, load } = useBackupsStore();
  const [restoring, setRestoring] = useState(false);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="admin-screen backups">
      <div className="screen-heading">
        <h1>{restoring ? 'Restore a backup' : 'Backups'}</h1>
        <div className="heading-actions">
          {restoring ? (
            <button
              type="button"
              className="button"
              onClick={() => {
                useRestoreStore.getState().back();
                setRestoring(false);
              }}
            >
              ← Backups
            </button>
          ) : (
            <>
              <button type="button" className="button" onClick={() => setRestoring(true)}>
                Restore a backup…
              </button>
              <button type="button" className="button" onClick={() => navigate('settings')}>
                ← Settings
              </button>
            </>
          )}
        </div>
      </div>
      {error && (
        <ErrorPanel title="Backups" error={error} onAction={() => void load()} actionLabel="Look again" />
      )}
      {status && restoring && (
        <RestorePanel
          mode="admin"
          places={status.places}
          replaces="The data on the kiosk now"
          onLookAgain={() => void load()}
        />
      )}
      {status && !restoring && <BackupSetup status={status} />}
    </div>
  );
}

function BackupSetup({ status }: { status: BackupsStatus }) {
  const { running, ended, busy, saved, save, backUpNow, cancel, load } = useBackupsStore();
  const [draft, setDraft] = useState<BackupSettings>(status.settings);
  const [typed, setTyped] = useState('');
  const changed = JSON.stringify(draft) !== JSON.stringify(status.settings);
  const [hour, minute] = (draft.dailyAt ?? '22:00').split(':').map(Number) as [number, number];
  const setDaily = (h: number, m: number) =>
    setDraft({ ...draft, dailyAt: `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}` });
  // Settings changed on screen are saved first: a backup goes where the screen says.
  const startBackup = async () => {
    closeKeyboard();
    if (changed && !(await save(draft))) return;
    await backUpNow();
    // Its progress shows at the top of the screen.
    window.scrollTo({ top: 0 });
  };
  const last = status.history.find((run) => run.kind === 'backup' && run.outcome === 'verified');

  return (
    <>
      {running && (
        <section className="backup-running" role="status" aria-label="Backup progress">
          <h2>Backing up… the kiosk can be used meanwhile</h2>
          <ProgressBar label="Backup" value={progressFraction(running)} />
          <p className="lead">{progressLine(running)}</p>
          <button type="button" className="button button-danger" onClick={() => void cancel()}>
            Stop the backup
          </button>
        </section>
      )}
      {!running && ended && (
        <p className={ended.state === 'done' ? 'notice inline-ok' : 'notice notice-warning'} role="status">
          {ended.message}
        </p>
      )}

      <section className="backup-target" aria-label="Where backups go">
        <h2>Back up to</h2>
        <div className="backup-places">
          {status.places.map((place) => (
            <button
              key={place.dir}
              type="button"
              role="radio"
              aria-checked={draft.target === place.dir}
              className={
                draft.target === place.dir ? 'tile-button backup-place selected' : 'tile-button backup-place'
              }
              onClick={() => setDraft({ ...draft, target: place.dir })}
            >
              <span className="backup-place-label">{place.label}</span>
              <span className="backup-place-note">
                {place.kind === 'saved' ? `${place.dir} · ` : ''}
                {place.freeBytes === null ? 'Free space unknown' : `${formatBytes(place.freeBytes)} free`}
                {place.hasBackups ? ' · has backups' : ''}
              </span>
            </button>
          ))}
          {status.places.length === 0 && (
            <p className="lead">No USB drive found. Plug one in and tap “Look again”, or type a folder.</p>
          )}
        </div>
        <div className="backup-typed">
          <TextField
            label="Or type a folder on another disk"
            value={typed}
            maxLength={300}
            placeholder="For example /mnt/backup-disk"
            keys="path"
            onChange={setTyped}
          />
          <ActionButton
            className="button"
            label="Use this folder"
            missing={typed.trim().length === 0 ? 'Type a folder first.' : null}
            onClick={() => {
              closeKeyboard();
              setDraft({ ...draft, target: typed.trim() });
            }}
          />
          <button type="button" className="button" onClick={() => void load()}>
            Look again
          </button>
        </div>
        <p className="backup-summary">
          {draft.target ? (
            <>
              Backups go to <span className="path">{draft.target}</span>
              {draft.target === status.settings.target && !status.targetPresent && (
                <strong className="inline-error"> — not plugged in now</strong>
              )}
            </>
          ) : (
            'No place chosen yet.'
          )}
        </p>
      </section>

      <section className="backup-when" aria-label="When and how many">
        <div className="stepper" role="group" aria-label="Keep this many backups">
          <span className="stepper-label">Keep this many backups</span>
          <button
            type="button"
            className="button"
            aria-label="Fewer backups kept"
            disabled={draft.keepGenerations <= 1}
            onClick={() => setDraft({ ...draft, keepGenerations: draft.keepGenerations - 1 })}
          >
            −
          </button>
          <output className="stepper-value">{plural(draft.keepGenerations, 'backup')}</output>
          <button
            type="button"
            className="button"
            aria-label="More backups kept"
            disabled={draft.keepGenerations >= MAX_KEEP_GENERATIONS}
            onClick={() => setDraft({ ...draft, keepGenerations: draft.keepGenerations + 1 })}
          >
            +
          </button>
        </div>
        <div className="backup-daily">
          <span className="stepper-label">Back up every day</span>
          <Segmented
            label="Back up every day"
            options={[
              { value: 'off', label: 'Off' },
              { value: 'on', label: 'Every day' },
            ]}
            value={draft.dailyAt ? 'on' : 'off'}
            onChange={(value) =>
              value === 'on' ? setDaily(hour, minute) : setDraft({ ...draft, dailyAt: null })
            }
          />
          {draft.dailyAt && (
            <div className="backup-time" role="group" aria-label="Daily backup time">
              <button
                type="button"
                className="button"
                aria-label="An hour earlier"
                onClick={() => setDaily((hour + 23) % 24, minute)}
              >
                −1 h
              </button>
              <output className="stepper-value">at {draft.dailyAt}</output>
              <button
                type="button"
                className="button"
                aria-label="An hour later"
                onClick={() => setDaily((hour + 1) % 24, minute)}
              >
                +1 h
              </button>
              <button
                type="button"
                className="button"
                aria-label="A quarter of an hour later"
                onClick={() =>
                  setDaily(minute === 45 ? (hour + 1) % 24 : hour, (Math.floor(minute / 15) * 15 + 15) % 60)
                }
              >
                +15 min
              </button>
            </div>
          )}
        </div>
        {status.nextDailyAt && !changed && (
          <p className="backup-summary">
            Next daily backup: {formatDateTime(status.nextDailyAt)}, if the drive is plugged in.
          </p>
        )}
      </section>

      <section aria-label="Last backups">
        <h2>Last runs</h2>
        {status.history.length === 0 ? (
          <p className="lead">No backup yet.</p>
        ) : (
          <ul className="list" aria-label="Last runs, newest first">
            {status.history.slice(0, 8).map((run) => (
              <RunRow key={run.id} run={run} />
            ))}
          </ul>
        )}
      </section>

      <div className="sticky-actions settings-actions">
        <p className="backup-last">
          {last ? `Last verified backup ${backupAge(last.finishedAt, new Date())}` : 'No verified backup yet'}
        </p>
        {saved && !changed && <p className="inline-ok">Saved.</p>}
        <button type="button" className="button" disabled={!changed || busy} onClick={() => void save(draft)}>
          Save settings
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={busy || running !== null || (!draft.target && !status.settings.target)}
          onClick={() => void startBackup()}
        >
          Back up now
        </button>
      </div>
    </>
  );
}

function RunRow({ run }: { run: BackupRun }) {
  const chip =
    run.outcome === 'verified'
      ? 'chip chip-good'
      : run.outcome === 'skipped'
        ? 'chip chip-muted'
        : 'chip chip-warn';
  return (
    <li className="list-row">
      <div className="list-main">
        <span className="list-title">
          {run.kind === 'backup' ? 'Backup' : 'Restore'} {TRIGGER_LABELS[run.trigger]}
        </span>
        <span className="list-detail">
          {run.message ??
            (run.kind === 'backup'
              ? `${plural(run.filesCopied, 'file')} copied (${formatBytes(run.bytesCopied)})`
              : '')}
        </span>
      </div>
      <span className={chip}>{OUTCOME_LABELS[run.outcome]}</span>
      <span className="list-time">{formatDateTime(run.startedAt)}</span>
    </li>
  );
}
