// Running one claimed job: the video or the photos made, their files counted and the row marked completed.
// The worker (queue-worker.ts) decides what a failure, a cancel or a shutdown means for the row.
import type { ExportJob } from '../../../db/schema';
import type { ExportKind } from '../../shared/exports';
import type { FfmpegFeatures } from '../../shared/system';
import type { DataAccess } from '../data-access';
import { FfmpegError, type RenderHold } from '../ffmpeg/run';
import { makePhotos } from '../photos/photos';
import { readKioskSettings } from '../settings/service';
import { finishJob } from './jobs';
import type { EncoderSettings } from './plan';
import type { PieceEngine } from './pieces/engine';
import type { VideoWork } from './progress';
import { ExportProblem, readExportSource } from './sources';
import { makeVideo } from './video';

/** What making a video or photos needs from the kiosk, whichever job it is. */
export interface ExportMakerOptions {
  dataDir: string;
  data: DataAccess;
  resourcesDir: string;
  ffmpegPath: () => string;
  freeBytes(dir: string): Promise<number | null>;
  /** The operator's name for the title card; by default the setting. */
  operatorName?: () => Promise<string>;
  encoder?: EncoderSettings;
  /** What the ffmpeg build can do (null when unknown): without drawtext, videos are made without a title. */
  features?: () => Promise<FfmpegFeatures | null>;
  /** Held while filming needs the CPU: piece renders stop meanwhile (capture decides; see ffmpeg/run.ts). */
  hold?: RenderHold;
  /** True while a take is open: a video's missing pieces then render at low priority, one at a time. */
  filming?: () => boolean;
}

export interface RunJobContext extends ExportMakerOptions {
  pieces: PieceEngine;
  signal: AbortSignal;
  /** The share done; a video also says what it has done and left (progress.ts). */
  onProgress(share: number, work?: VideoWork): void;
}

/** What the crew read when a job fails: our own problems as they are, ffmpeg's last line otherwise. */
export function failureMessage(kind: ExportKind, error: unknown): string {
  if (error instanceof ExportProblem) return error.message;
  const what = kind === 'video' ? 'the video' : 'the photos';
  if (error instanceof FfmpegError) {
    const last = error.stderr.trim().split(/\r?\n/).at(-1)?.slice(0, 300) ?? '';
    return `ffmpeg could not make ${what}${last ? `: ${last}` : ''}. Tap Retry; if it fails again, report the problem.`;
  }
  return `${kind === 'video' ? 'The video' : 'The photos'} could not be made (${(error as Error).message}). Tap Retry; if it fails again, report the problem.`;
}

export async function runExportJob(job: ExportJob, context: RunJobContext): Promise<ExportJob> {
  const { data, dataDir, signal, onProgress } = context;
  const db = data.db();
  const settings = await readKioskSettings(db);
  if (job.kind === 'video') {
    const source = await readExportSource(db, dataDir, job.recording_id, data.utcOffsetMinutes);
    const result = await makeVideo({
      jobId: job.id,
      dataDir,
      ffmpegPath: context.ffmpegPath(),
      source,
      pieces: context.pieces,
      operatorName: context.operatorName ? await context.operatorName() : settings.operatorName,
      drawTitle: (await context.features?.())?.drawtext ?? true,
      signal,
      freeBytes: () => context.freeBytes(dataDir),
      // Capture's stop floor: an export never takes the disk below where filming would stop.
      reserveBytes: (settings.minFreeDiskGb * 1024 ** 3) / 4,
      filming: context.filming ?? (() => false),
      onProgress,
    });
    return finishJob(db, job.id, { status: 'completed', outputPath: result.videoPath }, [
      { kind: 'export', path: result.videoPath, bytes: result.videoBytes },
      { kind: 'thumbnail', path: result.posterPath, bytes: result.posterBytes },
    ]);
  }
  const result = await makePhotos({
    db,
    jobId: job.id,
    recordingId: job.recording_id,
    dataDir,
    ffmpegPath: context.ffmpegPath(),
    count: settings.photoCount,
    signal,
    onProgress,
  });
  return finishJob(
    db,
    job.id,
    { status: 'completed', outputPath: result.folder },
    result.photos.map((photo) => ({ kind: 'photo' as const, ...photo })),
  );
}
