// One camera's footage of a take, from its raw recorder parts: each part remuxed (salvaged when damaged), the
// parts joined in time, and the parts that held nothing playable named so their raw files are kept for support.
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { joinCameraParts, whyNotJoinable, type PartToJoin } from './join-parts';
import { remuxCameraFile, type RemuxedFile } from './remux';
import { cameraParts, type JournalCamera } from './take-journal';
import { syncDirectory } from '../files/durable';
import { finalFileName } from './formats';

export interface CameraFootageRequest {
  sceneDir: string;
  camera: JournalCamera;
  codec: string | null;
  tolerateTruncation: boolean;
  ffmpegPath?: string;
  logger: Logger;
}

export interface CameraFootage {
  /** The camera's file in the scene folder, or null when no part held anything playable. */
  file: (RemuxedFile & { parts: number; startedAtMs: number | null }) | null;
  /** Raw files with bytes that nothing playable came of. */
  unreadable: string[];
}

export async function finishCameraFootage(request: CameraFootageRequest): Promise<CameraFootage> {
  const { sceneDir, camera, logger } = request;
  const parts = cameraParts(camera);
  const withBytes: typeof parts = [];
  for (const part of parts) {
    if ((await fileSize(path.join(sceneDir, part.rawFile))) > 0) withBytes.push(part);
  }
  const onePart = parts.length === 1;
  const remuxed: PartToJoin[] = [];
  const unreadable: string[] = [];
  try {
    for (const part of withBytes) {
      const file = await remuxCameraFile({
        sceneDir,
        camera: camera.camera,
        rawFile: part.rawFile,
        codec: request.codec,
        tolerateTruncation: request.tolerateTruncation,
        // One part goes straight to the camera's file, as before parts existed; several are joined after.
        outputName: onePart ? undefined : (container) => `${part.rawFile}.part.${container}`,
        ffmpegPath: request.ffmpegPath,
        logger,
      });
      if (file) remuxed.push({ file, startedAtMs: part.startedAtMs });
      else unreadable.push(part.rawFile);
    }
    if (unreadable.length > 0) {
      logger.warn({ camera: camera.camera, unreadable }, 'camera parts held nothing playable');
    }
    const [first] = remuxed;
    if (!first) return { file: null, unreadable };
    if (onePart) return { file: { ...first.file, parts: 1, startedAtMs: first.startedAtMs }, unreadable };
    return { file: await joinOrKeepLongest(request, remuxed), unreadable };
  } finally {
    if (!onePart) {
      for (const part of remuxed) await rm(path.join(sceneDir, part.file.fileName), { force: true });
    }
  }
}

async function joinOrKeepLongest(
  request: CameraFootageRequest,
  parts: PartToJoin[],
): Promise<CameraFootage['file']> {
  const { sceneDir, camera, logger } = request;
  const startedAtMs = (parts[0] as PartToJoin).startedAtMs;
  if (parts.length > 1) {
    const why = whyNotJoinable(parts);
    const joined = why
      ? null
      : await joinCameraParts({
          sceneDir,
          camera: camera.camera,
          workingName: path.basename(camera.rawFile, path.extname(camera.rawFile)),
          parts,
          ffmpegPath: request.ffmpegPath,
          logger,
        });
    if (joined) {
      logger.info(
        { camera: camera.camera, parts: parts.length, durationSeconds: joined.durationSeconds },
        'camera parts joined',
      );
      return { ...joined, parts: parts.length, startedAtMs };
    }
    logger.warn(
      { camera: camera.camera, parts: parts.length, reason: why ?? 'ffmpeg could not join them' },
      'camera parts cannot be joined; keeping the longest part',
    );
  }
  const longest = parts.reduce((a, b) => (b.file.durationSeconds > a.file.durationSeconds ? b : a));
  const fileName = finalFileName(camera.camera, longest.file.container);
  await rename(path.join(sceneDir, longest.file.fileName), path.join(sceneDir, fileName));
  await syncDirectory(sceneDir);
  return { ...longest.file, fileName, parts: 1, startedAtMs: longest.startedAtMs };
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}
