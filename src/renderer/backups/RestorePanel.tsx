// Restoring a backup, in three steps a gloved hand can follow: where the backup is (a drive, the last backup, or a
// typed folder), which backup (newest first, with what it holds), then a confirmation and its progress. The
// kiosk then restarts on the restored data and every screen reloads (store.ts listenForBackups).
import { useState } from 'react';
import type { BackupGeneration, BackupPlace } from '../../shared/backups';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorPanel } from '../components/ErrorPanel';
import { ProgressBar } from '../components/ProgressBar';
import { closeKeyboard, TextField } from '../components/TextField';
import { formatBytes, formatDateTime, plural } from '../format';
import { useRestoreStore, type RestoreMode } from './store';
import { backupAge, progressFraction, progressLine } from './words';
import './backups.css';

interface RestorePanelProps {
  mode: RestoreMode;
  places: readonly BackupPlace[];
  /** Offered first: the last verified backup backup.json knows of (its folder, MagnumStream-backups). */
  lastBackup?: { at: string; root: string } | null;
  /** What the data now on the kiosk is, for the confirmation ("the damaged database", "this kiosk's data"). */
  replaces: string;
  onLookAgain?: () => void;
}

export function RestorePanel({ mode, places, lastBackup, replaces, onLookAgain }: RestorePanelProps) {
  const { folder, generations, looking, error, restoring, requested, look, restore, back } =
    useRestoreStore();
  const [typed, setTyped] = useState('');
  const [chosen, setChosen] = useState<BackupGeneration | null>(null);

  if (requested || restoring) {
    return (
      <section className="restore-progress" role="status" aria-label="Restore progress">
        <h2>Restoring… do not take the drive out</h2>
        <ProgressBar label="Restore" value={restoring ? progressFraction(restoring) : 0} />
        <p className="lead">{restoring ? progressLine(restoring) : 'Getting ready…'}</p>
        <p>The kiosk restarts by itself when the backup is in place; then everyone signs in again.</p>
      </section>
    );
  }

  if (folder && (generations || looking)) {
    return (
      <section className="restore-step" aria-label="Choose a backup">
        <div className="screen-heading">
          <h2>Backups in {folder}</h2>
          <button type="button" className="button" onClick={back}>
            ← Another place
          </button>
        </div>
        {error && <ErrorPanel title="The backup was not restored" error={error} />}
        {looking && <p className="lead">Looking for backups…</p>}
        {generations?.length === 0 && (
          <p className="lead">
            There is no complete backup here. Choose another drive, or the folder that holds
            “MagnumStream-backups”.
          </p>
        )}
        {generations && generations.length > 0 && (
          <ul className="list" aria-label="Backups, newest first">
            {generations.map((generation, index) => (
              <li key={generation.name} className="list-row">
                <div className="list-main">
                  <span className="list-title">
                    {formatDateTime(generation.createdAt)}
                    {index === 0 ? ' — the newest' : ''}
                  </span>
                  <span className="list-detail">
                    {plural(generation.flights, 'flight')}, {plural(generation.sales, 'sale')},{' '}
                    {formatBytes(generation.bytes)} · made {backupAge(generation.createdAt, new Date())} by
                    version {generation.appVersion}
                  </span>
                </div>
                <button
                  type="button"
                  className={index === 0 ? 'button button-primary' : 'button'}
                  onClick={() => setChosen(generation)}
                >
                  Restore this backup
                </button>
              </li>
            ))}
          </ul>
        )}
        {chosen && (
          <ConfirmDialog
            title="Restore this backup?"
            confirmLabel="Restore and restart"
            cancelLabel="Keep the data as it is"
            onCancel={() => setChosen(null)}
            onConfirm={() => {
              setChosen(null);
              void restore(chosen.name, mode);
            }}
          >
            <p>
              The kiosk goes back to the backup of <strong>{formatDateTime(chosen.createdAt)}</strong> (
              {plural(chosen.flights, 'flight')}, {plural(chosen.sales, 'sale')}). Anything recorded or sold
              since then is not in it.
            </p>
            <p>
              The backup is copied and checked first. Then the kiosk restarts on it and everyone signs in
              again. {replaces} is kept beside the data folder, not deleted.
            </p>
          </ConfirmDialog>
        )}
      </section>
    );
  }

  return (
    <section className="restore-step" aria-label="Where the backup is">
      <div className="screen-heading">
        <h2>Where is the backup?</h2>
        {onLookAgain && (
          <button type="button" className="button" onClick={onLookAgain}>
            Look again
          </button>
        )}
      </div>
      {error && <ErrorPanel title="The backups could not be read" error={error} />}
      <div className="backup-places">
        {lastBackup && (
          <button
            type="button"
            className="tile-button backup-place backup-place-primary"
            onClick={() => void look(lastBackup.root, mode)}
          >
            <span className="backup-place-label">The last backup, {formatDateTime(lastBackup.at)}</span>
            <span className="backup-place-note">{lastBackup.root}</span>
          </button>
        )}
        {places.map((place) => (
          <button
            key={place.dir}
            type="button"
            className="tile-button backup-place"
            onClick={() => void look(place.dir, mode)}
          >
            <span className="backup-place-label">{place.label}</span>
            <span className="backup-place-note">
              {place.kind === 'saved' ? `${place.dir} · ` : ''}
              {place.hasBackups ? 'Has backups' : 'No backups found yet'}
            </span>
          </button>
        ))}
      </div>
      {places.length === 0 && !lastBackup && (
        <p className="lead">No USB drive found. Plug the backup drive in, then tap Look again.</p>
      )}
      <div className="backup-typed">
        <TextField
          label="Or type the folder the backup is in"
          value={typed}
          maxLength={300}
          placeholder="For example /media/kiosk/BACKUP"
          keys="path"
          onChange={setTyped}
        />
        <button
          type="button"
          className="button"
          disabled={typed.trim().length === 0 || looking}
          onClick={() => {
            closeKeyboard();
            void look(typed.trim(), mode);
          }}
        >
          Look in this folder
        </button>
      </div>
    </section>
  );
}
