// Making one souvenir video: read the slots, check the disk, run the plan's one ffmpeg command into a partial
// file, then flush it and rename it into place with a poster frame beside it. Nothing half-made ever has the
// finished name: a crash, a cancel or a failure leaves only `.partial` files, which the queue removes.
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { flushFile, syncDirectory } from '../files/durable';
import { runFfmpeg } from '../ffmpeg/run';
import { probeMedia } from '../ffmpeg/probe';
import { ASSET_FOLDERS } from '../templates/assets';
import { ASSET_FONT_FILE } from '../templates/asset-recipes';
import { buildExportPlan, type EncoderSettings, type PlannedAsset } from './plan';
import { createProgressParser, progressShare } from './progress';
import { ExportProblem, type ExportSource } from './sources';

/** Bytes a second of finished video takes at most, with room to spare (x264 at crf 21 writes far less). */
const BYTES_PER_OUTPUT_SECOND = 1.5 * 1024 * 1024;

export interface VideoJobContext {
  jobId: string;
  dataDir: string;
  resourcesDir: string;
  ffmpegPath: string;
  source: ExportSource;
  /** The operator's name for the title card's second line; empty for none. */
  operatorName: string;
  /** False when this ffmpeg has no drawtext: the video is made without its title rather than not at all. */
  drawTitle: boolean;
  signal: AbortSignal;
  /** Free bytes on the data disk, and the least that must stay free (capture's stop floor). */
  freeBytes(): Promise<number | null>;
  reserveBytes: number;
  encoder?: EncoderSettings;
  onProgress(share: number): void;
}

export interface VideoJobResult {
  /** Relative to the data folder. */
  videoPath: string;
  posterPath: string;
  videoBytes: number;
  posterBytes: number;
  durationSeconds: number;
}

export const exportFolderOf = (recordingId: string) => path.posix.join('media', recordingId, 'exports');

async function assetOf(
  resourcesDir: string,
  kind: 'intro' | 'outro',
  name: string | null,
  ffmpegPath: string,
): Promise<PlannedAsset | null> {
  if (!name) return null;
  const file = path.join(resourcesDir, ASSET_FOLDERS[kind].folder, name);
  const info = await probeMedia(file, { ffmpegPath }).catch(() => null);
  if (!info?.durationSeconds) {
    throw new ExportProblem(
      `The template's ${kind} "${name}" cannot be read. Choose another ${kind} under Settings → Templates.`,
    );
  }
  return { file, duration: info.durationSeconds };
}

export async function makeVideo(context: VideoJobContext): Promise<VideoJobResult> {
  const { jobId, dataDir, resourcesDir, ffmpegPath, source, signal } = context;
  const folder = exportFolderOf(source.recordingId);
  const absoluteFolder = path.join(dataDir, folder);
  await mkdir(absoluteFolder, { recursive: true });
  const work = path.join(absoluteFolder, `${jobId}.partial`);
  const partialVideo = path.join(absoluteFolder, `${jobId}.partial.mp4`);
  const videoPath = path.posix.join(folder, `${jobId}.mp4`);
  const posterPath = path.posix.join(folder, `${jobId}-poster.jpg`);

  try {
    const [intro, outro] = await Promise.all([
      assetOf(resourcesDir, 'intro', source.introAsset, ffmpegPath),
      assetOf(resourcesDir, 'outro', source.outroAsset, ffmpegPath),
    ]);
    const music = source.musicAsset
      ? { file: path.join(resourcesDir, ASSET_FOLDERS.music.folder, source.musicAsset) }
      : null;

    await mkdir(work, { recursive: true });
    const titleFile = path.join(work, 'title.txt');
    const partialPoster = path.join(work, 'poster.jpg');
    const subtitleFile = context.operatorName ? path.join(work, 'operator.txt') : null;
    await writeFile(titleFile, source.titleText || ' ', 'utf8');
    if (subtitleFile) await writeFile(subtitleFile, context.operatorName, 'utf8');

    const plan = buildExportPlan({
      clips: source.clips,
      width: source.width,
      height: source.height,
      frameRate: source.frameRate,
      intro,
      outro,
      music,
      title: context.drawTitle
        ? {
            titleFile,
            subtitleFile,
            fontFile: path.join(resourcesDir, 'fonts', ASSET_FONT_FILE),
            titleLength: [...source.titleText].length,
            subtitleLength: [...context.operatorName].length,
          }
        : null,
      outputFile: partialVideo,
      // For the dashboard and the sales screen.
      poster: { file: partialPoster, width: 480 },
      encoder: context.encoder,
    });

    const needed = plan.durationSeconds * BYTES_PER_OUTPUT_SECOND + context.reserveBytes;
    const free = await context.freeBytes();
    if (free !== null && free < needed) {
      const gb = (bytes: number) => (bytes / 1024 ** 3).toFixed(1);
      throw new ExportProblem(
        `Not enough free disk to make the video: ${gb(free)} GB free, ${gb(needed)} GB needed (recording keeps some free). Free space under Storage, then tap Retry.`,
      );
    }

    const parse = createProgressParser();
    await runFfmpeg(['-v', 'error', ...plan.args], {
      ffmpegPath,
      signal,
      onStdoutLine(line) {
        const reading = parse(line);
        if (reading) context.onProgress(progressShare(reading.outSeconds, plan.durationSeconds) * 0.98);
      },
    });
    const videoBytes = await flushFile(partialVideo);

    const posterBytes = await flushFile(partialPoster);

    await rename(partialPoster, path.join(dataDir, posterPath));
    await rename(partialVideo, path.join(dataDir, videoPath));
    await syncDirectory(absoluteFolder);
    context.onProgress(1);
    return {
      videoPath,
      posterPath,
      videoBytes,
      posterBytes,
      durationSeconds: plan.durationSeconds,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
    await rm(partialVideo, { force: true });
  }
}

/** Removes what interrupted jobs left in a recording's exports folder (`*.partial*`). */
export async function removePartialExports(dataDir: string, recordingId: string): Promise<void> {
  const folder = path.join(dataDir, exportFolderOf(recordingId));
  const entries = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((name) => name.includes('.partial'))
      .map((name) => rm(path.join(folder, name), { recursive: true, force: true })),
  );
}
