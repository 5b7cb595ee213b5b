// The flight's souvenir video as the filming-done screen shows it: being made (how far, how long still), ready,
// failed (try again), or not made yet (make it). The kiosk makes it by itself once the last scene is saved, so
// this looks for that job for a few seconds before it offers a button.
import { useEffect, useState } from 'react';
import { ProgressBar } from '../components/ProgressBar';
import { currentJob, useExportsStore } from './store';
import { videoState } from './video-state';
import './exports.css';

/** How long after the footage changed the screen waits for the kiosk to queue the video by itself. */
const AUTO_MAKE_GRACE_MS = 6000;
const LOOK_EVERY_MS = 1500;

export function FlightVideoStatus({
  recordingId,
  footageAt,
}: {
  recordingId: string;
  /** When the newest take was saved (ISO): a video queued before it is of older footage. */
  footageAt: string | null;
}) {
  const job = useExportsStore((state) => currentJob(state.jobs, recordingId, 'video'));
  const { load, queue, retry, busy } = useExportsStore();
  const state = videoState(job, footageAt);
  // The footage the screen stopped waiting for the kiosk to make a video of (then it offers the button).
  const key = `${recordingId} ${footageAt ?? ''}`;
  const [gaveUpOn, setGaveUpOn] = useState<string | null>(null);
  const gaveUp = gaveUpOn === key;

  // Progress events follow a job once it exists; until one shows, ask main now and then (the kiosk queues it a
  // moment after the save), and after the grace period offer the button.
  const waiting = state.kind === 'none';
  useEffect(() => {
    void load(recordingId);
    if (!waiting) return;
    const look = setInterval(() => void load(recordingId), LOOK_EVERY_MS);
    const giveUp = setTimeout(() => {
      clearInterval(look);
      setGaveUpOn(key);
    }, AUTO_MAKE_GRACE_MS);
    return () => {
      clearInterval(look);
      clearTimeout(giveUp);
    };
  }, [recordingId, key, waiting, load]);

  const starting = busy[`new:${recordingId}:video`] ?? false;
  return (
    // One live region for the whole card (not role="status": the filming screen's own message is the status
    // there, and two would make "what did the kiosk just say" ambiguous for a screen reader and for tests).
    <section className="flight-video" aria-label="The souvenir video" aria-live="polite">
      {state.kind === 'ready' && <p className="flight-video-words flight-video-ready">✓ Video ready</p>}
      {state.kind === 'making' && (
        <div className="flight-video-making" aria-label="Video progress">
          <p className="flight-video-words">{state.words}</p>
          <ProgressBar label="Video" value={state.job.progress} />
        </div>
      )}
      {state.kind === 'failed' && (
        <div className="flight-video-row" role="alert">
          <p className="flight-video-words inline-error">{state.words}</p>
          <button
            type="button"
            className="button"
            disabled={busy[state.job.id]}
            onClick={() => void retry(state.job.id)}
          >
            Try again
          </button>
        </div>
      )}
      {state.kind === 'none' &&
        (gaveUp ? (
          <div className="flight-video-row">
            <p className="flight-video-words">Video not made yet</p>
            <button
              type="button"
              className="button"
              disabled={starting}
              onClick={() => void queue(recordingId, 'video')}
            >
              {starting ? 'Starting…' : 'Make the video'}
            </button>
          </div>
        ) : (
          <p className="flight-video-words">Getting the video ready…</p>
        ))}
    </section>
  );
}
