// The files check: files the database counts that are gone from the disk, and files on the disk nothing counts,
// each with what to do. Orphans nothing uses can be deleted and files the flights use can be adopted (counted
// again), each after a confirmation listing the files.
import { useState } from 'react';
import type { OrphanFile } from '../../shared/storage';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { formatBytes, formatDateTime, plural } from '../format';
import { KIND_LABELS } from './labels';
import { useStorageStore } from './store';

export function FilesCheckPanel() {
  const { check, orphansDone, busy, progress, runCheck, resolveOrphans } = useStorageStore();
  const [confirm, setConfirm] = useState<'delete' | 'adopt' | null>(null);
  const toDelete = check?.orphans.filter((o) => o.action === 'delete') ?? [];
  const toAdopt = check?.orphans.filter((o) => o.action === 'adopt') ?? [];
  const leftAlone = check?.orphans.filter((o) => o.action === 'none') ?? [];
  const listed = confirm === 'delete' ? toDelete : toAdopt;

  return (
    <div className="files-check">
      <section className="storage-card" aria-label="Files check">
        <div className="screen-heading">
          <h2>Files on the disk against the database</h2>
          <button
            type="button"
            className="button button-primary"
            disabled={busy !== null}
            onClick={() => void runCheck()}
          >
            {busy === 'check'
              ? `Checking… ${progress?.operation === 'check' ? plural(progress.filesDone, 'file') : ''}`
              : check
                ? 'Check again'
                : 'Check the files'}
          </button>
        </div>
        {!check && busy !== 'check' && (
          <p className="storage-note">
            Looks at every file in the media folder: footage the database counts but the disk lost, and files
            the database does not know.
          </p>
        )}
        {check && (
          <p className="storage-note" aria-live="polite">
            Checked {formatDateTime(check.checkedAt)}: {plural(check.filesOnDisk, 'file')} on the disk,{' '}
            {plural(check.rowsChecked, 'file')} in the database.{' '}
            {check.missing.length === 0 && check.orphans.length === 0 && 'They agree: nothing to do.'}
          </p>
        )}
        {orphansDone && (
          <p className="inline-ok">
            Done: {plural(orphansDone.done, 'file')} ({formatBytes(orphansDone.bytes)}).
            {orphansDone.skipped.length > 0 && ` ${plural(orphansDone.skipped.length, 'file')} left alone.`}
          </p>
        )}
      </section>

      {check && check.missing.length > 0 && (
        <section className="storage-card" aria-label="Missing files">
          <h2>Missing from the disk ({check.missing.length})</h2>
          <ul className="list">
            {check.missing.map((file) => (
              <li key={file.path} className="list-row">
                <div className="list-main">
                  <span className="list-title">
                    {file.passengerNames} · {KIND_LABELS[file.kind]}
                  </span>
                  <span className="path">{file.path}</span>
                  <span className="list-detail">{file.whatToDo}</span>
                </div>
                <span className="storage-bytes">{formatBytes(file.bytes)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {check && check.orphans.length > 0 && (
        <section className="storage-card" aria-label="Files the database does not count">
          <div className="screen-heading">
            <h2>Not counted by the database ({check.orphans.length})</h2>
            <div className="heading-actions">
              {toAdopt.length > 0 && (
                <button
                  type="button"
                  className="button"
                  disabled={busy !== null}
                  onClick={() => setConfirm('adopt')}
                >
                  Adopt {plural(toAdopt.length, 'file')}
                </button>
              )}
              {toDelete.length > 0 && (
                <button
                  type="button"
                  className="button button-danger"
                  disabled={busy !== null}
                  onClick={() => setConfirm('delete')}
                >
                  Delete {plural(toDelete.length, 'file')}
                </button>
              )}
            </div>
          </div>
          <ul className="list">
            {[...toDelete, ...toAdopt, ...leftAlone].map((file) => (
              <OrphanRow key={file.path} file={file} />
            ))}
          </ul>
        </section>
      )}

      {confirm && (
        <ConfirmDialog
          title={confirm === 'delete' ? 'Delete these files?' : 'Adopt these files?'}
          confirmLabel={
            busy === 'orphans'
              ? 'Working…'
              : confirm === 'delete'
                ? `Delete ${plural(listed.length, 'file')}`
                : `Adopt ${plural(listed.length, 'file')}`
          }
          tone={confirm === 'delete' ? 'danger' : 'primary'}
          busy={busy === 'orphans'}
          onCancel={() => setConfirm(null)}
          onConfirm={() =>
            void resolveOrphans(
              confirm,
              listed.map((file) => file.path),
            ).then(() => setConfirm(null))
          }
        >
          <p>
            {confirm === 'delete'
              ? `Nothing on this kiosk uses these files. They go from the disk for good (${formatBytes(listed.reduce((sum, f) => sum + f.bytes, 0))}).`
              : 'The flights use these files; adopting them counts them again, so the storage figures and the retention rules see them.'}
          </p>
          <ul className="confirm-list" aria-label="Files">
            {listed.map((file) => (
              <li key={file.path}>
                <span className="path">{file.path}</span> · {formatBytes(file.bytes)}
                {file.passengerNames && ` · ${file.passengerNames}`}
              </li>
            ))}
          </ul>
        </ConfirmDialog>
      )}
    </div>
  );
}

const ACTION_CHIPS: Record<OrphanFile['action'], { label: string; className: string }> = {
  delete: { label: 'Delete', className: 'chip chip-warn' },
  adopt: { label: 'Adopt', className: 'chip chip-good' },
  none: { label: 'Leave it', className: 'chip chip-muted' },
};

function OrphanRow({ file }: { file: OrphanFile }) {
  const chip = ACTION_CHIPS[file.action];
  return (
    <li className="list-row">
      <div className="list-main">
        <span className="list-title">
          <span className={chip.className}>{chip.label}</span> {file.passengerNames ?? 'No flight'}
        </span>
        <span className="path">{file.path}</span>
        <span className="list-detail">{file.whatToDo}</span>
      </div>
      <span className="storage-bytes">{formatBytes(file.bytes)}</span>
    </li>
  );
}
