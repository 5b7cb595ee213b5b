// The Export tab's photos side: the still photos taken from the flight's footage (an export job of kind
// `photos`), and photos brought in from a photographer's card. It wears the Export tab's look (exports.css).
import { useState } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Dialog } from '../components/Dialog';
import { ProgressBar } from '../components/ProgressBar';
import { currentJob, useExportsStore } from '../exports/store';
import { usePhotoImportStore } from './store';

export function PhotosPanel({ recordingId, photoCount }: { recordingId: string; photoCount: number }) {
  return (
    <>
      <StillPhotos recordingId={recordingId} photoCount={photoCount} />
      <CardImport recordingId={recordingId} />
    </>
  );
}

function StillPhotos({ recordingId, photoCount }: { recordingId: string; photoCount: number }) {
  const job = useExportsStore((state) => currentJob(state.jobs, recordingId, 'photos'));
  const { busy, queue, cancel, retry } = useExportsStore();
  const [stopping, setStopping] = useState(false);
  const starting = busy[`new:${recordingId}:photos`] ?? false;
  const active = job && (job.status === 'pending' || job.status === 'processing');
  return (
    <section className="export-section" aria-label="Photos">
      <h2>Photos</h2>
      {job?.status === 'completed' && (
        <div className="export-photos" aria-label="Photos taken">
          {job.photoUrls.map((url, i) => (
            <img key={url} src={url} alt={`Photo ${i + 1}`} loading="lazy" />
          ))}
        </div>
      )}
      {active ? (
        <div className="export-running" role="status" aria-label="Photo progress">
          <ProgressBar label="Photos" value={job.progress} />
          <button type="button" className="button" disabled={busy[job.id]} onClick={() => setStopping(true)}>
            Cancel
          </button>
          {stopping && (
            <ConfirmDialog
              title="Stop taking the photos?"
              confirmLabel="Stop it"
              onCancel={() => setStopping(false)}
              onConfirm={() => {
                setStopping(false);
                void cancel(job.id);
              }}
            >
              <p>The photos taken so far are thrown away. You can take them again at any time.</p>
            </ConfirmDialog>
          )}
        </div>
      ) : job?.status === 'failed' ? (
        <div className="export-failed" role="alert">
          <p className="inline-error">{job.error ?? 'The photos could not be taken.'}</p>
          <button type="button" className="button" disabled={busy[job.id]} onClick={() => void retry(job.id)}>
            Try again
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="button"
          disabled={starting}
          onClick={() => void queue(recordingId, 'photos')}
        >
          {job?.status === 'completed' ? 'Take them again' : `Take ${photoCount} photos from the flight`}
        </button>
      )}
    </section>
  );
}

function CardImport({ recordingId }: { recordingId: string }) {
  const { sources, loading, importing, result, error, loadSources, importFrom, reset } =
    usePhotoImportStore();
  const [open, setOpen] = useState(false);
  const mine = importing?.recordingId === recordingId ? importing : null;
  return (
    <section className="export-section" aria-label="Photos from a card">
      <h2>Photos from a card</h2>
      {mine ? (
        <div role="status" aria-label="Import progress">
          <ProgressBar label="Import" value={mine.total > 0 ? mine.done / mine.total : 0} />
          <p className="export-eta">
            {mine.total > 0 ? `${mine.done} of ${mine.total} photos copied` : 'Looking at the card…'}
          </p>
        </div>
      ) : (
        <button
          type="button"
          className="button"
          onClick={() => {
            reset();
            setOpen(true);
            void loadSources();
          }}
        >
          Import photos from a card
        </button>
      )}
      {result && !mine && (
        <p className="inline-ok" role="status">
          ✓ {result.imported} {result.imported === 1 ? 'photo' : 'photos'} imported
          {result.skipped > 0 ? `, ${result.skipped} skipped (already here, or not a JPEG photo)` : ''}.
        </p>
      )}
      {error && !mine && <p className="inline-error">{error.message}</p>}
      {open && (
        <Dialog title="Import photos from" onClose={() => setOpen(false)}>
          {loading && <p className="lead">Looking for cards and drives…</p>}
          <div className="people-grid">
            {sources?.map((source) => (
              <button
                key={source.id}
                type="button"
                className="person-tile"
                disabled={source.photoCount === 0}
                onClick={() => {
                  setOpen(false);
                  void importFrom(recordingId, source.id);
                }}
              >
                <span className="person-name">{source.label}</span>
                <span className="person-role">
                  {source.photoCount === 1 ? '1 photo' : `${source.photoCount} photos`}
                </span>
              </button>
            ))}
          </div>
          {sources && sources.every((source) => source.photoCount === 0) && (
            <p className="lead">
              No photos found. Put the card in the reader (or copy the photos into the import folder), then
              close this and tap Import again.
            </p>
          )}
        </Dialog>
      )}
    </section>
  );
}
