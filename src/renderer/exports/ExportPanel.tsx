// The editor's Export tab: make the souvenir video (progress with time left, cancel, try again, watch it when
// it is done); beside it the flight's photos (PhotosPanel).
import { useEffect, useState } from 'react';
import type { ExportJobView } from '../../shared/exports';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorPanel } from '../components/ErrorPanel';
import { ProgressBar } from '../components/ProgressBar';
import { PhotosPanel } from '../photos/PhotosPanel';
import { currentJob, etaLabel, useExportsStore } from './store';
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
  return (
    <div className="export-panel">
      {error && (
        <div className="export-error">
          <ErrorPanel title="That did not work" error={error} actionLabel="OK" onAction={clearError} />
        </div>
      )}
      <VideoSection recordingId={recordingId} job={video} />
      <div className="export-side">
        <PhotosPanel recordingId={recordingId} photoCount={photoCount} />
      </div>
    </div>
  );
}

/** A video waiting or being made: what it is doing, how far, how long still. */
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
            Stop making it
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
          title="Stop making this video?"
          confirmLabel="Stop it"
          cancelLabel="Keep making it"
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
