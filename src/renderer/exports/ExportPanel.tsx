// The editor's Export tab: make the souvenir video (progress with time left, cancel, try again, watch it when
// it is done), take the still photos, and bring in photos from a photographer's card.
import { useEffect, useState } from 'react';
import type { ExportJobView } from '../../shared/exports';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Dialog } from '../components/Dialog';
import { ErrorPanel } from '../components/ErrorPanel';
import { currentJob, etaLabel, useExportsStore, usePhotoImportStore } from './store';
import { ProgressBar } from '../components/ProgressBar';
import './exports.css';

const finishedAt = (job: ExportJobView) =>
  job.finishedAt
    ? new Date(job.finishedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : '';

export function ExportPanel({ recordingId, photoCount }: { recordingId: string; photoCount: number }) {
  const { jobs, error, load, clearError } = useExportsStore();
  useEffect(() => {
    void load(recordingId);
  }, [recordingId, load]);
  const video = currentJob(jobs, recordingId, 'video');
  const photos = currentJob(jobs, recordingId, 'photos');
  return (
    <div className="export-panel">
      {error && (
        <div className="export-error">
          <ErrorPanel title="That did not work" error={error} actionLabel="OK" onAction={clearError} />
        </div>
      )}
      <VideoSection recordingId={recordingId} job={video} />
      <div className="export-side">
        <PhotosSection recordingId={recordingId} job={photos} photoCount={photoCount} />
        <ImportSection recordingId={recordingId} />
      </div>
    </div>
  );
}

/** A video waiting or being made: what it is doing, how far, how long still. Checkout shows the same. */
export function VideoProgress({ job }: { job: ExportJobView }) {
  return (
    <>
      <p className="export-state">
        {job.status === 'pending' ? 'Waiting for the video before it…' : 'Making the video…'}
      </p>
      <ProgressBar label="Video" value={job.progress} />
      <p className="export-eta">
        {job.status === 'processing' ? etaLabel(job.etaSeconds) : 'It starts when the kiosk is free.'}
      </p>
    </>
  );
}

type Asking = 'cancel' | 'again' | null;

function VideoSection({ recordingId, job }: { recordingId: string; job: ExportJobView | null }) {
  const { busy, queue, cancel, retry } = useExportsStore();
  const [asking, setAsking] = useState<Asking>(null);
  const starting = busy[`new:${recordingId}:video`] ?? false;
  const active = job && (job.status === 'pending' || job.status === 'processing');
  return (
    <section className="export-section export-video" aria-label="Souvenir video">
      <h2>Souvenir video</h2>
      {!job && (
        <>
          <p className="lead">
            Not made yet. The eight slots, the title and the intro and outro become one video.
          </p>
          <button
            type="button"
            className="button button-primary button-large"
            disabled={starting}
            onClick={() => void queue(recordingId, 'video')}
          >
            {starting ? 'Starting…' : 'Make the video'}
          </button>
        </>
      )}
      {job && active && (
        <div className="export-running" role="status" aria-label="Video progress">
          <VideoProgress job={job} />
          <button
            type="button"
            className="button"
            disabled={busy[job.id]}
            onClick={() => setAsking('cancel')}
          >
            Cancel
          </button>
        </div>
      )}
      {job && job.status === 'completed' && job.videoUrl && (
        <div className="export-done">
          <video
            className="export-player"
            src={job.videoUrl}
            poster={job.posterUrl ?? undefined}
            controls
            playsInline
            preload="metadata"
            aria-label="The finished video"
          />
          <div className="export-done-actions">
            <p className="inline-ok">✓ Made at {finishedAt(job)}</p>
            <button type="button" className="button" disabled={starting} onClick={() => setAsking('again')}>
              Make it again
            </button>
          </div>
        </div>
      )}
      {job && (job.status === 'failed' || job.status === 'cancelled') && (
        <div className="export-failed" role={job.status === 'failed' ? 'alert' : 'status'}>
          <p className={job.status === 'failed' ? 'inline-error' : ''}>
            {job.status === 'failed'
              ? (job.error ?? 'The video could not be made.')
              : 'The video was cancelled. Nothing was kept.'}
          </p>
          <button
            type="button"
            className="button button-primary button-large"
            disabled={busy[job.id]}
            onClick={() => void retry(job.id)}
          >
            {job.status === 'failed' ? 'Try again' : 'Make the video'}
          </button>
        </div>
      )}
      {asking === 'cancel' && job && (
        <ConfirmDialog
          title="Stop making the video?"
          confirmLabel="Stop it"
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            void cancel(job.id);
          }}
        >
          <p>What is made so far is thrown away. You can start it again at any time.</p>
        </ConfirmDialog>
      )}
      {asking === 'again' && (
        <ConfirmDialog
          title="Make the video again?"
          confirmLabel="Make it again"
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            void queue(recordingId, 'video');
          }}
        >
          <p>
            A new video is made from the slots as they are now. The one made at {job ? finishedAt(job) : ''}{' '}
            stays until the new one is ready.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function PhotosSection(props: { recordingId: string; job: ExportJobView | null; photoCount: number }) {
  const { recordingId, job, photoCount } = props;
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

function ImportSection({ recordingId }: { recordingId: string }) {
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
