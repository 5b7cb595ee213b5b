// The top of the checkout's left column: the finished video to watch with the passenger, or the way to make it.
import { useEffect } from 'react';
import type { CheckoutView } from '../../shared/sales';
import { ProgressBar } from '../components/ProgressBar';
import { currentJob, useExportsStore } from '../exports/store';
import { makingWords } from '../exports/video-state';
import { navigate } from '../shell/route';

/** The finished video to watch together, or how far it is from being made. */
export function CheckoutPreview({
  view,
  onMediaReady,
}: {
  view: CheckoutView;
  onMediaReady(recordingId: string): Promise<void>;
}) {
  const { flight } = view;
  const job = useExportsStore((state) => currentJob(state.jobs, flight.recordingId, 'video'));
  const { load, queue, busy, error } = useExportsStore();
  useEffect(() => {
    if (!flight.videoUrl) void load(flight.recordingId);
  }, [flight.videoUrl, flight.recordingId, load]);
  // Once per finished job: the checkout is read again so the video, its poster and the bundles' state show.
  const finishedJob = job?.status === 'completed' ? job.id : null;
  useEffect(() => {
    if (finishedJob && !flight.videoUrl) void onMediaReady(flight.recordingId);
  }, [finishedJob, flight.videoUrl, flight.recordingId, onMediaReady]);

  if (flight.videoUrl) {
    return (
      <video
        className="checkout-player"
        src={flight.videoUrl}
        poster={flight.posterUrl ?? undefined}
        controls
        playsInline
        preload="metadata"
        aria-label="The souvenir video"
      />
    );
  }
  const making = job && (job.status === 'pending' || job.status === 'processing');
  return (
    <div className="checkout-player checkout-no-video" role="status" aria-label="Video progress">
      {making ? (
        <>
          <p className="export-state">{makingWords(job)}</p>
          <ProgressBar label="Video" value={job.progress} />
          <p className="export-eta">You can sell now: the video is ready in a moment.</p>
        </>
      ) : (
        <>
          <p className="lead">
            {job?.status === 'failed'
              ? (job.error ?? 'The video could not be made.')
              : 'The video is not made yet.'}
          </p>
          <button
            type="button"
            className="button button-primary button-large"
            disabled={busy[`new:${flight.recordingId}:video`]}
            onClick={() => void queue(flight.recordingId, 'video')}
          >
            Make the video
          </button>
          <button type="button" className="button" onClick={() => navigate('edit', flight.recordingId)}>
            Edit, photos and more
          </button>
        </>
      )}
      {error && <p className="inline-error">{error.message}</p>}
    </div>
  );
}
