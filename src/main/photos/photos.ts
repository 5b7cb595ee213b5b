// Still photos of a flight for the photo bundles: full-resolution JPEG frames at the moments the crew marked
// (segments), else at the middle of each slot's window. Written into a partial folder that is renamed whole
// into place, so a flight never shows half a set.
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { fileTimeAt, roundMs, type Angle } from '../../shared/edit-math';
import { flushFile, syncDirectory } from '../files/durable';
import { runFfmpeg } from '../ffmpeg/run';
import { resolveInside } from '../security/paths';
import { ExportProblem } from '../exports/sources';

export interface PhotoMoment {
  /** Absolute camera file. */
  file: string;
  /** Seconds into that file. */
  fileTime: number;
}

export interface MomentCandidate {
  sceneIndex: number;
  /** Scene-clock seconds. */
  sceneTime: number;
  angle: Angle;
  file: string | null;
  offsetMs: number | null;
  /** Length of that camera's file, seconds. */
  fileDuration: number | null;
}

/** `count` picks spread evenly over `items` (all of them when there are fewer), in their order. */
export function spreadPick<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.floor(((i + 0.5) * items.length) / count)]!);
}

/**
 * Where the photos are taken: the marked moments (segment mid-points) first, spread over the flight when there
 * are more than `count`; topped up with slot mid-points when there are fewer. Moments without footage are
 * skipped; each time is kept inside its file.
 */
export function choosePhotoMoments(
  segments: readonly MomentCandidate[],
  slots: readonly MomentCandidate[],
  count: number,
): PhotoMoment[] {
  const usable = (list: readonly MomentCandidate[]) =>
    list
      .filter((c) => c.file !== null)
      .sort((a, b) => a.sceneIndex - b.sceneIndex || a.sceneTime - b.sceneTime)
      .map((c) => {
        const time = Math.max(0, fileTimeAt(c.sceneTime, c.angle, c.offsetMs));
        const last = c.fileDuration !== null ? Math.max(0, c.fileDuration - 0.1) : time;
        return { file: c.file!, fileTime: roundMs(Math.min(time, last)) };
      });
  const marked = spreadPick(usable(segments), count);
  const key = (m: PhotoMoment) => `${m.file}@${m.fileTime.toFixed(1)}`;
  const taken = new Set(marked.map(key));
  const fill = spreadPick(
    usable(slots).filter((m) => !taken.has(key(m))),
    count - marked.length,
  );
  return [...marked, ...fill];
}

async function readCandidates(db: Kysely<Database>, dataDir: string, recordingId: string) {
  const scenes = await db
    .selectFrom('scene_recordings')
    .select([
      'id',
      'scene_index',
      'camera1_path',
      'camera2_path',
      'camera1_duration',
      'camera2_duration',
      'camera_offset_ms',
    ])
    .where('recording_id', '=', recordingId)
    .execute();
  const byId = new Map(scenes.map((scene) => [scene.id, scene]));
  const candidate = (sceneId: string, sceneTime: number, angleValue: number): MomentCandidate | null => {
    const scene = byId.get(sceneId);
    if (!scene) return null;
    const angle: Angle = angleValue === 2 ? 2 : 1;
    const relative = angle === 1 ? scene.camera1_path : scene.camera2_path;
    return {
      sceneIndex: scene.scene_index,
      sceneTime,
      angle,
      file: relative ? resolveInside(dataDir, relative) : null,
      offsetMs: scene.camera_offset_ms,
      fileDuration: angle === 1 ? scene.camera1_duration : scene.camera2_duration,
    };
  };
  const ids = scenes.map((scene) => scene.id);
  const [segments, slots] = await Promise.all([
    ids.length === 0
      ? []
      : db.selectFrom('scene_segments').selectAll().where('scene_id', 'in', ids).execute(),
    db.selectFrom('video_slots').selectAll().where('recording_id', '=', recordingId).execute(),
  ]);
  const present = (c: MomentCandidate | null): c is MomentCandidate => c !== null;
  return {
    segments: segments
      .map((s) => candidate(s.scene_id, s.start_time + s.duration / 2, s.camera_angle))
      .filter(present),
    slots: slots
      .map((s) => candidate(s.scene_id, s.window_start + s.slot_duration / 2, s.camera_angle))
      .filter(present),
  };
}

export const photoFolderOf = (recordingId: string) => path.posix.join('media', recordingId, 'photos');

export interface PhotoJobContext {
  db: Kysely<Database>;
  jobId: string;
  recordingId: string;
  dataDir: string;
  ffmpegPath: string;
  count: number;
  signal: AbortSignal;
  onProgress(share: number): void;
}

/** Takes the stills; returns the folder (relative) and each photo's path and size. */
export async function makePhotos(
  context: PhotoJobContext,
): Promise<{ folder: string; photos: Array<{ path: string; bytes: number }> }> {
  const { db, jobId, recordingId, dataDir, ffmpegPath, signal } = context;
  const { segments, slots } = await readCandidates(db, dataDir, recordingId);
  const moments = choosePhotoMoments(segments, slots, context.count);
  if (moments.length === 0) {
    throw new ExportProblem('This flight has no footage to take photos from yet. Film its scenes first.');
  }
  const parent = path.join(dataDir, photoFolderOf(recordingId));
  const partial = path.join(parent, `${jobId}.partial`);
  const folder = path.posix.join(photoFolderOf(recordingId), jobId);
  await mkdir(partial, { recursive: true });
  try {
    for (const [i, moment] of moments.entries()) {
      const name = `photo-${String(i + 1).padStart(2, '0')}.jpg`;
      // Input seeking to the moment; -q:v 2 is a high-quality JPEG at the camera's full resolution.
      await runFfmpeg(
        [
          '-v',
          'error',
          '-ss',
          String(moment.fileTime),
          '-i',
          moment.file,
          '-frames:v',
          '1',
          '-q:v',
          '2',
          '-y',
          path.join(partial, name),
        ],
        { ffmpegPath, signal },
      );
      context.onProgress(((i + 1) / moments.length) * 0.98);
    }
    const names = (await readdir(partial)).filter((name) => name.endsWith('.jpg')).sort();
    const photos = [];
    for (const name of names) {
      photos.push({ path: path.posix.join(folder, name), bytes: await flushFile(path.join(partial, name)) });
    }
    await rename(partial, path.join(dataDir, folder));
    await syncDirectory(parent);
    context.onProgress(1);
    return { folder, photos };
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
}
