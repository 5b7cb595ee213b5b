// "Save diagnostics": pick a USB drive (or the kiosk's deliveries folder) among those main found, wait while the
// folder is written, then read exactly where it went. A failed save leaves nothing on the drive.
import { useEffect } from 'react';
import { Dialog } from '../components/Dialog';
import { ErrorPanel } from '../components/ErrorPanel';
import { formatBytes, plural } from '../format';
import { useDiagnosticsStore } from './store';

export function DiagnosticsDialog({ onClose }: { onClose(): void }) {
  const { targets, targetsLoading, targetsError, saving, saved, error, loadTargets, save, reset } =
    useDiagnosticsStore();
  useEffect(() => {
    reset();
    void loadTargets();
  }, [reset, loadTargets]);

  const close = () => {
    if (!saving) onClose();
  };

  if (saving) {
    return (
      <Dialog title="Save diagnostics" onClose={close}>
        <p className="problem-saving" role="status">
          Saving the logs, versions, health figures and settings… do not take the drive out. This takes a few
          seconds.
        </p>
      </Dialog>
    );
  }

  if (saved) {
    return (
      <Dialog title="Save diagnostics" onClose={close}>
        <div role="status" className="problem-saved">
          <p className="inline-ok">
            ✓ Saved {plural(saved.files, 'file')} ({formatBytes(saved.bytes)}).
            {saved.kind === 'drive' ? ' The drive can be taken out.' : ''}
          </p>
          <p>They are in {saved.place}.</p>
          <p className="path">{saved.folder}</p>
          <p className="problem-note">
            No PIN codes and no customer names, e-mail addresses or phone numbers are in them.
          </p>
        </div>
        <div className="dialog-actions">
          <button type="button" className="button button-primary" onClick={onClose}>
            Done
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="Save diagnostics" onClose={close}>
      <p className="problem-note">
        For whoever fixes the kiosk: the logs, the versions, the health figures and the settings, without PIN
        codes or customers’ details. Plug in a USB drive, then tap it.
      </p>
      {error && <ErrorPanel title="The diagnostics were not saved" error={error} />}
      {targetsError && <ErrorPanel title="Drives could not be listed" error={targetsError} />}
      <div className="problem-targets">
        {targets?.map((target) => (
          <button
            key={target.id}
            type="button"
            className="tile-button problem-target"
            onClick={() => void save(target.id)}
          >
            <span className="problem-target-label">{target.label}</span>
            <span className="problem-note">
              {target.freeBytes === null ? 'Free space unknown' : `${formatBytes(target.freeBytes)} free`}
            </span>
          </button>
        ))}
      </div>
      {targets && !targets.some((target) => target.kind === 'drive') && (
        <p className="problem-note">No USB drive found. Plug one in and tap “Look again”.</p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" disabled={targetsLoading} onClick={() => void loadTargets()}>
          {targetsLoading ? 'Looking…' : 'Look again'}
        </button>
      </div>
    </Dialog>
  );
}
