// Where a flight's souvenir video is, in one state the filming-done screen and the checkout both show: made
// from the footage filmed now, being made (how far, how long still), failed, or not made yet. A video made
// before the last take is not the flight's video any more: the kiosk makes it again by itself.
import type { ExportJobView } from '../../shared/exports';
import { etaLabel } from './store';

export type VideoState =
  | { kind: 'ready'; job: ExportJobView }
  | { kind: 'making'; job: ExportJobView; words: string }
  | { kind: 'failed'; job: ExportJobView; words: string }
  | { kind: 'none' };

/**
 * The state of `job` (the flight's current video job) for footage last changed at `footageAt` (ISO, or null
 * when unknown): a job queued before that change is from older footage and counts as no video.
 */
export function videoState(job: ExportJobView | null, footageAt: string | null): VideoState {
  if (!job) return { kind: 'none' };
  const active = job.status === 'pending' || job.status === 'processing';
  if (!active && footageAt !== null && job.createdAt < footageAt) return { kind: 'none' };
  if (job.status === 'completed') return { kind: 'ready', job };
  if (job.status === 'failed')
    return { kind: 'failed', job, words: job.error ?? 'The video could not be made.' };
  if (job.status === 'cancelled') return { kind: 'none' };
  return { kind: 'making', job, words: makingWords(job) };
}

/** "Making the video… 60 %, about 3 s left" or "Video waiting: it starts when the kiosk is free". */
export function makingWords(job: ExportJobView): string {
  if (job.status === 'pending') return 'Video waiting: it starts when the kiosk is free';
  const percent = Math.round(Math.min(1, Math.max(0, job.progress)) * 100);
  const eta = etaLabel(job.etaSeconds);
  return `Making the video… ${percent} %, ${eta.charAt(0).toLowerCase()}${eta.slice(1)}`;
}
