// What a recorder sends and what a scene keeps: the container and codec named by the screen's mimeType, the
// file names in a scene folder, and the rules stop and start apply (minimum length, free disk). Pure.
import type { CameraNumber } from '../../shared/capture';

export type RawContainer = 'mkv' | 'webm' | 'mp4';
export type FinalContainer = 'mp4' | 'webm' | 'mkv';

export interface RecorderFormat {
  /** Extension of the raw file the chunks are appended to. */
  container: RawContainer;
  /** Normalised video codec named in `codecs=`, or null when the mimeType does not say. */
  codec: string | null;
}

const CONTAINERS: Record<string, RawContainer> = {
  'video/x-matroska': 'mkv',
  'video/webm': 'webm',
  'video/mp4': 'mp4',
};

/** The codec names browsers put in `codecs=` (avc1.42E01E, vp09.00.10.08, ...) to the names ffmpeg prints. */
export function normaliseCodec(name: string): string | null {
  const codec = name.trim().toLowerCase();
  if (codec.startsWith('avc1') || codec.startsWith('avc3') || codec === 'h264') return 'h264';
  if (codec.startsWith('hvc1') || codec.startsWith('hev1') || codec === 'h265' || codec === 'hevc')
    return 'hevc';
  if (codec === 'vp8') return 'vp8';
  if (codec === 'vp9' || codec.startsWith('vp09')) return 'vp9';
  if (codec === 'av1' || codec.startsWith('av01')) return 'av1';
  return null;
}

/** `video/x-matroska;codecs=avc1,opus` to its container and video codec; null when capture cannot store it. */
export function parseRecorderMimeType(mimeType: string): RecorderFormat | null {
  const [type = '', ...params] = mimeType.split(';');
  const container = CONTAINERS[type.trim().toLowerCase()];
  if (!container) return null;
  let codec: string | null = null;
  for (const param of params) {
    const match = /^\s*codecs\s*=\s*"?([^"]*)"?\s*$/i.exec(param);
    if (!match?.[1]) continue;
    for (const name of match[1].split(',')) {
      codec ??= normaliseCodec(name);
    }
  }
  return { container, codec };
}

/**
 * Where a take's footage ends up: H.264/HEVC as MP4 (plays everywhere, faststart for instant seeking),
 * VP8/VP9/AV1 as WebM, anything else kept in Matroska, which takes any codec.
 */
export function finalContainerFor(codec: string | null, raw: RawContainer): FinalContainer {
  if (codec === 'h264' || codec === 'hevc') return 'mp4';
  if (codec === 'vp8' || codec === 'vp9' || codec === 'av1') return 'webm';
  if (codec === null && raw !== 'mkv') return raw;
  return 'mkv';
}

export const FINAL_MIME_TYPES: Record<FinalContainer, string> = {
  mp4: 'video/mp4',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
};

/** The 8 hex digits of a take id that name its files. */
export function shortTakeId(takeId: string): string {
  return takeId.replace(/-/g, '').slice(0, 8);
}

/**
 * The file chunks are appended to: one per camera and recorder part per take, so a new take never touches the
 * old footage. Part 0 is `camera2.take-1a2b3c4d.mkv`; a camera got back mid-take writes `...take-1a2b3c4d.p1.mkv`.
 */
export function rawFileName(camera: CameraNumber, takeId: string, container: RawContainer, part = 0): string {
  const base = `camera${camera}.take-${shortTakeId(takeId)}`;
  return part === 0 ? `${base}.${container}` : `${base}.p${part}.${container}`;
}

export function finalFileName(camera: CameraNumber, container: FinalContainer): string {
  return `camera${camera}.${container}`;
}

const FINAL_FILE = /^camera[12]\.(mp4|webm|mkv)$/;
const TAKE_FILE = /^camera[12]\.take-[0-9a-f]{8}\./;
const RAW_FILE = /^camera([12])\.take-([0-9a-f]{8})(?:\.p([1-9][0-9]?))?\.(mkv|webm|mp4)$/;
const UNREADABLE_FILE = /^camera[12]\.unreadable-[0-9a-f]{8}(\.p[1-9][0-9]?)?\.(mkv|webm|mp4)$/;
const JOURNAL_TEMPORARY = /^take\.json\.[0-9a-f]+\.tmp$/;

export function isFinalFile(name: string): boolean {
  return FINAL_FILE.test(name);
}

/** A take's working files: raw chunks and half-written remux or journal files (only capture's own names). */
export function isTakeWorkingFile(name: string): boolean {
  return TAKE_FILE.test(name) || JOURNAL_TEMPORARY.test(name);
}

export interface RawFileName {
  camera: CameraNumber;
  /** The take's short id (8 hex digits). */
  take: string;
  part: number;
  container: RawContainer;
}

/** A raw file a camera's chunks go to, read from its name; null for anything else. */
export function parseRawFileName(name: string): RawFileName | null {
  const match = RAW_FILE.exec(name);
  if (!match) return null;
  return {
    camera: Number(match[1]) as CameraNumber,
    take: match[2] as string,
    part: match[3] ? Number(match[3]) : 0,
    container: match[4] as RawContainer,
  };
}

/** The camera of a raw file, from its name; null for anything else. */
export function rawFileCamera(name: string): CameraNumber | null {
  return parseRawFileName(name)?.camera ?? null;
}

/**
 * Where a raw file nothing playable could be made of is kept for support to look at: `camera2.take-1a2b3c4d.mkv`
 * becomes `camera2.unreadable-1a2b3c4d.mkv`, a name no take and no clean-up of working files touches.
 */
export function unreadableFileName(rawFile: string): string {
  return rawFile.replace(/^(camera[12])\.take-/, '$1.unreadable-');
}

export function isUnreadableFile(name: string): boolean {
  return UNREADABLE_FILE.test(name);
}

/** Camera 2's first frame minus camera 1's, in ms on the screen's clock; null unless both cameras said. */
export function cameraOffsetMs(
  camera1StartedAtMs: number | null,
  camera2StartedAtMs: number | null,
): number | null {
  if (camera1StartedAtMs === null || camera2StartedAtMs === null) return null;
  return Math.round(camera2StartedAtMs - camera1StartedAtMs);
}

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/** Below this a take is not started (the setting, in GB). */
export function startFloorBytes(minFreeDiskGb: number): number {
  return minFreeDiskGb * GIB;
}

/** Below this a running take is asked to stop: a quarter of the start floor, never under 256 MB. */
export function stopFloorBytes(minFreeDiskGb: number): number {
  return Math.max(256 * MIB, startFloorBytes(minFreeDiskGb) / 4);
}

export function formatGb(bytes: number): string {
  const gb = bytes / GIB;
  return `${gb >= 10 ? Math.floor(gb) : Math.floor(gb * 10) / 10} GB`;
}

export function diskTooFullMessage(freeBytes: number, minFreeDiskGb: number): string {
  return (
    `Only ${formatGb(freeBytes)} is free on the kiosk disk; recording needs at least ${minFreeDiskGb} GB. ` +
    'Export and hand over older flights or free space, then try again.'
  );
}

export function tooShortMessage(elapsedMs: number, minSeconds: number): string {
  const seconds = Math.max(0, Math.floor(elapsedMs / 1000));
  return (
    `This scene has been recording for ${seconds} s. Scenes need at least ${minSeconds} s so the video has ` +
    'enough footage. Keep filming, or ask a manager to lower the minimum in Settings.'
  );
}
