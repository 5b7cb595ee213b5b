// One camera's footage of a take, from its raw recorder parts: each part remuxed (salvaged when damaged), the
// parts joined in time, and the parts that held nothing playable named so their raw files are kept for support.
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { syncDirectory } from '../files/durable';
import { finalFileName, type FinalContainer } from './formats';
import { joinCameraParts, whyNotJoinable, type PartToJoin } from './join-parts';
import { remuxCameraFile, type RemuxedFile } from './remux';
import { graftHeader, readContainerHeader, type HeaderCache } from './salvage';
import { cameraParts, type JournalCamera } from './take-journal';

export interface CameraFootageRequest {
  sceneDir: string;
  camera: JournalCamera;
  /** The take's other cameras: a damaged part may borrow their recorder's header. */
  otherCameras: JournalCamera[];
  mimeType: string;
  codec: string | null;
  tolerateTruncation: boolean;
  /** The last good take's header per format and size; null where there is none (tests, a bare host). */
  headerCache: HeaderCache | null;
  ffmpegPath?: string;
  logger: Logger;
}

export interface CameraFootage {
  /** The camera's file in the scene folder, or null when no part held anything playable. */
  file: (RemuxedFile & { parts: number; startedAtMs: number | null }) | null;
  /** Raw files with bytes that nothing playable came of. */
  unreadable: string[];
}

type RawPart = ReturnType<typeof cameraParts>[number];

/**
 * Remuxed footage this much smaller than its raw file lost most of it to damage: worth trying the salvage
 * (stream copy changes the size by a few percent at most).
 */
const SALVAGE_BELOW_SHARE = 0.5;
const SALVAGE_MIN_RAW_BYTES = 64 * 1024;

export async function finishCameraFootage(request: CameraFootageRequest): Promise<CameraFootage> {
  const { sceneDir, camera, logger } = request;
  const parts = cameraParts(camera);
  const withBytes: Array<RawPart & { bytes: number }> = [];
  for (const part of parts) {
    const bytes = await fileSize(path.join(sceneDir, part.rawFile));
    if (bytes > 0) withBytes.push({ ...part, bytes });
  }
  const onePart = parts.length === 1;
  const remuxed: PartToJoin[] = [];
  const unreadable: string[] = [];
  try {
    for (const part of withBytes) {
      // One part goes straight to the camera's file, as before parts existed; several are joined after.
      const outputName = (container: FinalContainer) =>
        onePart ? finalFileName(camera.camera, container) : `${part.rawFile}.part.${container}`;
      const file = await remuxPart(request, part, outputName);
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

/** A part remuxed as it is; salvaged instead when that yields nothing or far less than its size suggests. */
async function remuxPart(
  request: CameraFootageRequest,
  part: RawPart & { bytes: number },
  outputName: (container: FinalContainer) => string,
): Promise<RemuxedFile | null> {
  const { sceneDir, camera, logger } = request;
  const remuxed = await remuxCameraFile({
    sceneDir,
    camera: camera.camera,
    rawFile: part.rawFile,
    codec: request.codec,
    tolerateTruncation: request.tolerateTruncation,
    outputName,
    ffmpegPath: request.ffmpegPath,
    logger,
  });
  const shortOfSize =
    remuxed !== null &&
    part.bytes >= SALVAGE_MIN_RAW_BYTES &&
    remuxed.bytes < part.bytes * SALVAGE_BELOW_SHARE;
  if (remuxed && !shortOfSize) {
    await rememberHeader(request, part.rawFile);
    return remuxed;
  }
  const salvaged = await salvagePart(request, part, (container) => `${part.rawFile}.salvaged.${container}`);
  if (!salvaged) return remuxed;
  if (remuxed && salvaged.durationSeconds <= remuxed.durationSeconds) {
    await rm(path.join(sceneDir, salvaged.fileName), { force: true });
    return remuxed;
  }
  const fileName = outputName(salvaged.container);
  await rename(path.join(sceneDir, salvaged.fileName), path.join(sceneDir, fileName));
  await syncDirectory(sceneDir);
  return { ...salvaged, fileName };
}

/** Grafts a borrowed header onto the part's first cluster that parses and remuxes that, tolerant of errors. */
async function salvagePart(
  request: CameraFootageRequest,
  part: RawPart & { bytes: number },
  outputName: (container: FinalContainer) => string,
): Promise<RemuxedFile | null> {
  const { sceneDir, camera, logger } = request;
  if (!/\.(mkv|webm)$/.test(part.rawFile)) return null; // MP4 recordings have no clusters to start again from
  const raw = path.join(sceneDir, part.rawFile);
  const grafted = `${raw}.salvage.tmp`;
  try {
    for (const source of await headerSources(request, part.rawFile)) {
      const skippedBytes = await graftHeader(raw, source.header, grafted);
      if (skippedBytes === null) {
        logger.warn(
          { camera: camera.camera, rawFile: part.rawFile },
          'no cluster of the damaged footage parses',
        );
        return null;
      }
      const file = await remuxCameraFile({
        sceneDir,
        camera: camera.camera,
        rawFile: part.rawFile,
        inputPath: grafted,
        codec: request.codec,
        tolerateTruncation: true,
        outputName,
        ffmpegPath: request.ffmpegPath,
        logger,
      });
      if (file) {
        logger.warn(
          {
            camera: camera.camera,
            rawFile: part.rawFile,
            headerFrom: source.from,
            skippedBytes,
            rawBytes: part.bytes,
            durationSeconds: file.durationSeconds,
          },
          'damaged camera footage salvaged with a borrowed header',
        );
        return file;
      }
    }
    return null;
  } finally {
    await rm(grafted, { force: true });
  }
}

/**
 * Headers a damaged part may borrow, likeliest to fit first: another part of the same camera (the same
 * device), the take's other camera at the same size, the last good take of this format and size.
 */
async function headerSources(
  request: CameraFootageRequest,
  damaged: string,
): Promise<Array<{ from: string; header: Uint8Array }>> {
  const { sceneDir, camera } = request;
  const sameSize = request.otherCameras.filter(
    (other) => other.width === camera.width && other.height === camera.height,
  );
  const files = [
    ...cameraParts(camera).map((part) => part.rawFile),
    ...sameSize.flatMap((other) => cameraParts(other).map((part) => part.rawFile)),
  ].filter((rawFile) => rawFile !== damaged);
  const sources: Array<{ from: string; header: Uint8Array }> = [];
  const add = (from: string, header: Uint8Array | null) => {
    if (header && !sources.some((known) => Buffer.compare(known.header, header) === 0)) {
      sources.push({ from, header });
    }
  };
  for (const rawFile of files) add(rawFile, await readContainerHeader(path.join(sceneDir, rawFile)));
  const key = cacheKey(request);
  if (key && request.headerCache) add('last good take', await request.headerCache.recall(key));
  return sources;
}

/** A good part's header is kept for a later take whose first chunk is damaged. */
async function rememberHeader(request: CameraFootageRequest, rawFile: string): Promise<void> {
  const key = cacheKey(request);
  if (!key || !request.headerCache || !/\.(mkv|webm)$/.test(rawFile)) return;
  try {
    const header = await readContainerHeader(path.join(request.sceneDir, rawFile));
    if (header) await request.headerCache.remember(key, header);
  } catch (error) {
    request.logger.warn({ err: error }, 'could not keep a recorder header for later salvage');
  }
}

function cacheKey(request: CameraFootageRequest) {
  const { width, height } = request.camera;
  return request.mimeType && width > 0 && height > 0 ? { mimeType: request.mimeType, width, height } : null;
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
