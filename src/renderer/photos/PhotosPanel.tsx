// The Export tab's photos side: the still photos taken from the flight's footage (an export job of kind
// `photos`), and photos brought in from a photographer's card (CardImport). It wears the Export tab's look
// (exports.css).
import { useState } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ProgressBar } from '../components/ProgressBar';
import { currentJob, useExportsStore } from '../exports/store';
import { CardImport } from './CardImport';
import { plural } from '../format';

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
            Stop taking them
          </button>
          {stopping && (
            <ConfirmDialog
              title="Stop taking the photos?"
              confirmLabel="Stop it"
              cancelLabel="Keep taking them"
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
          {job?.status === 'completed'
            ? 'Take them again'
            : `Take ${plural(photoCount, 'photo')} from the flight`}
        </button>
      )}
    </section>
  );
}
