// The `exports` area: making the souvenir video and the still photos of a flight (jobs that main runs with
// ffmpeg) and following their progress.
import { z } from 'zod';
import { EXAMPLE_ID, GROUND_CREW, channel, event, idSchema } from './define';

export const EXPORT_KINDS = ['video', 'photos'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_JOB_STATES = ['pending', 'processing', 'completed', 'failed', 'cancelled'] as const;
export type ExportJobState = (typeof EXPORT_JOB_STATES)[number];

export interface ExportJobView {
  id: string;
  recordingId: string;
  kind: ExportKind;
  status: ExportJobState;
  /** 0 to 1. */
  progress: number;
  /** Seconds left, estimated from the pace so far; null until there is a pace to go by. */
  etaSeconds: number | null;
  /** What went wrong, in words the crew can act on (failed jobs). */
  error: string | null;
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The finished video (kind video), served by the media route. */
  videoUrl: string | null;
  /** A frame of the finished video, for the dashboard and the sales screen. */
  posterUrl: string | null;
  /** The finished stills (kind photos). */
  photoUrls: string[];
}

export const exportsChannels = {
  'exports.queue': channel<ExportJobView>()({
    summary:
      'Queues the souvenir video or the still photos of a flight. A job of that kind already waiting or running is returned instead of a second one.',
    input: z.strictObject({ recordingId: idSchema, kind: z.enum(EXPORT_KINDS) }),
    access: GROUND_CREW,
    example: { recordingId: EXAMPLE_ID, kind: 'video' },
  }),
  'exports.list': channel<ExportJobView[]>()({
    summary:
      'Export jobs: of one flight (newest first), or without a flight every job waiting or running and the last ones finished.',
    input: z.strictObject({ recordingId: idSchema.optional() }),
    access: GROUND_CREW,
    example: { recordingId: EXAMPLE_ID },
  }),
  'exports.cancel': channel<ExportJobView>()({
    summary: 'Stops a waiting or running job; its partial files are removed.',
    input: z.strictObject({ jobId: idSchema }),
    access: GROUND_CREW,
    example: { jobId: EXAMPLE_ID },
  }),
  'exports.retry': channel<ExportJobView>()({
    summary: 'Queues a failed or cancelled job again.',
    input: z.strictObject({ jobId: idSchema }),
    access: GROUND_CREW,
    example: { jobId: EXAMPLE_ID },
  }),
};

export const exportsEvents = {
  'exports.progress': event<ExportJobView>()({
    summary: 'An export job moved on: waiting, running (a few times a second with its progress), or ended.',
  }),
};
