// Copy to a drive: it starts by itself when a USB drive is plugged in while the receipt is open, or on a tap on
// one of the places main found (big buttons). The bytes go, then are read back and checked, then a clear "Safe
// to remove the drive". A failed copy has left nothing on the drive, so "Try again" is always safe.
import { useEffect } from 'react';
import { ErrorPanel } from '../components/ErrorPanel';
import { ProgressBar } from '../components/ProgressBar';
import { formatBytes, plural } from '../format';
import { IDLE_COPY, useDeliveryStore } from './store';

export function CopyToDrive({ saleId }: { saleId: string }) {
  const { targets, targetsLoading, targetsError, copies, loadTargets, copy, resetCopy } = useDeliveryStore();
  const state = copies[saleId] ?? IDLE_COPY;
  useEffect(() => {
    void loadTargets();
  }, [loadTargets]);

  if (state.phase === 'copying') {
    const progress = state.progress;
    const checking = progress?.stage === 'check';
    const drive = targets?.find((target) => target.id === state.targetId)?.label;
    return (
      <div className="delivery-body" role="status" aria-label="Copy progress">
        {state.auto && drive && <p className="delivery-note">{drive} found — copying by itself.</p>}
        <p className="delivery-state">
          {checking ? 'Checking the copy…' : 'Copying…'} Do not take the drive out.
        </p>
        <ProgressBar
          label={checking ? 'Check' : 'Copy'}
          value={progress && progress.totalBytes > 0 ? progress.copiedBytes / progress.totalBytes : 0}
        />
        <p className="delivery-note">
          {progress
            ? `${formatBytes(progress.copiedBytes)} of ${formatBytes(progress.totalBytes)} — ${progress.fileName}`
            : 'Getting ready…'}
        </p>
      </div>
    );
  }

  if (state.phase === 'done' && state.result) {
    const { result } = state;
    const onDrive = targets?.find((target) => target.id === state.targetId)?.kind !== 'folder';
    return (
      <div className="delivery-body" role="status">
        {onDrive && <p className="delivery-safe">✓ Safe to remove the drive</p>}
        <p className="delivery-state inline-ok">
          {onDrive ? '' : '✓ '}
          {plural(result.files, 'file')} ({formatBytes(result.bytes)}) copied and checked.
        </p>
        <p className="delivery-folder">{result.folder}</p>
        {result.missing && <p className="delivery-note">{result.missing} Copy again once they are made.</p>}
        <button type="button" className="button" onClick={() => resetCopy(saleId)}>
          Copy to another drive
        </button>
      </div>
    );
  }

  if (state.phase === 'failed' && state.error) {
    return (
      <div className="delivery-body">
        <ErrorPanel
          title="The copy did not finish"
          error={state.error}
          actionLabel="Try again"
          onAction={() => {
            if (state.targetId) void copy(saleId, state.targetId);
          }}
        />
        <button
          type="button"
          className="button"
          onClick={() => {
            resetCopy(saleId);
            void loadTargets();
          }}
        >
          Pick another drive
        </button>
      </div>
    );
  }

  return (
    <div className="delivery-body">
      <p className="delivery-state">
        Plug in the customer’s USB drive: the copy starts by itself. Or tap where to copy.
      </p>
      {targetsError && <ErrorPanel title="Drives could not be listed" error={targetsError} />}
      <div className="delivery-targets">
        {targets?.map((target) => (
          <button
            key={target.id}
            type="button"
            className="tile-button delivery-target"
            onClick={() => void copy(saleId, target.id)}
          >
            <span className="delivery-target-label">{target.label}</span>
            <span className="delivery-note">
              {target.freeBytes === null ? 'Free space unknown' : `${formatBytes(target.freeBytes)} free`}
            </span>
          </button>
        ))}
      </div>
      {targets && !targets.some((target) => target.kind === 'drive') && (
        <p className="delivery-note">No USB drive found yet. Plug one in: the kiosk notices it by itself.</p>
      )}
      <button type="button" className="button" disabled={targetsLoading} onClick={() => void loadTargets()}>
        {targetsLoading ? 'Looking…' : 'Look again'}
      </button>
    </div>
  );
}
