// The `exports` and `photos` areas: making the souvenir video and the still photos of a flight (jobs that main
// runs one at a time with ffmpeg), following their progress, and bringing in photos from a photographer's card.
import { z } from 'zod';
import { channel, event, type UserRole } from './define';
import { idSchema } from './users';

const GROUND_CREW: readonly UserRole[] = ['admin', 'crew'];
const someId = '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f';

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

/** A folder main offers to import photos from: a removable drive, or the kiosk's own import folder. */
export interface PhotoSource {
  /** Opaque: the screen sends it back, never a path. */
  id: string;
  label: string;
  photoCount: number;
}

export interface PhotoImportResult {
  imported: number;
  /** Files that looked like photos but were not readable JPEGs, or were too large. */
  skipped: number;
  photoUrls: string[];
}

export const exportChannels = {
  'exports.queue': channel<ExportJobView>()({
    summary:
      'Queues the souvenir video or the still photos of a flight. A job of that kind already waiting or running is returned instead of a second one.',
    input: z.strictObject({ recordingId: idSchema, kind: z.enum(EXPORT_KINDS) }),
    access: GROUND_CREW,
    example: { recordingId: someId, kind: 'video' },
  }),
  'exports.list': channel<ExportJobView[]>()({
    summary:
      'Export jobs: of one flight (newest first), or without a flight every job waiting or running and the last ones finished.',
    input: z.strictObject({ recordingId: idSchema.optional() }),
    access: GROUND_CREW,
    example: { recordingId: someId },
  }),
  'exports.cancel': channel<ExportJobView>()({
    summary: 'Stops a waiting or running job; its partial files are removed.',
    input: z.strictObject({ jobId: idSchema }),
    access: GROUND_CREW,
    example: { jobId: someId },
  }),
  'exports.retry': channel<ExportJobView>()({
    summary: 'Queues a failed or cancelled job again.',
    input: z.strictObject({ jobId: idSchema }),
    access: GROUND_CREW,
    example: { jobId: someId },
  }),
  'photos.sources': channel<PhotoSource[]>()({
    summary: 'Folders with photos to import: removable drives (a photographer’s card) and the import folder.',
    input: z.strictObject({}),
    access: GROUND_CREW,
    example: {},
  }),
  'photos.import': channel<PhotoImportResult>()({
    summary: 'Copies the JPEG photos of one source folder into a flight.',
    input: z.strictObject({ recordingId: idSchema, sourceId: z.string().min(1).max(128) }),
    access: GROUND_CREW,
    example: { recordingId: someId, sourceId: 'import-folder' },
  }),
};

export const exportEvents = {
  'exports.progress': event<ExportJobView>()({
    summary: 'An export job moved on: waiting, running (a few times a second with its progress), or ended.',
  }),
  'photos.importProgress': event<{ recordingId: string; done: number; total: number }>()({
    summary: 'Photos copied so far from a card into a flight.',
  }),
};
