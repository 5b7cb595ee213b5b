// Footage whose first chunk was damaged has lost its Matroska/WebM header (EBML header, Segment, Tracks: all
// before the first Cluster) and ffmpeg cannot read any of it, though every later cluster is fine. A header from
// a recording like it (the other camera of the take, another part of the camera, or the last good take with the
// same format and size) grafted onto the first cluster that still parses makes the rest playable again.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

const EBML_ID = [0x1a, 0x45, 0xdf, 0xa3];
const SEGMENT_ID = [0x18, 0x53, 0x80, 0x67];
const CLUSTER_ID = [0x1f, 0x43, 0xb6, 0x75];
const TRACKS_ID = [0x16, 0x54, 0xae, 0x6b];
const TIMECODE_ID = 0xe7;
const CRC32_ID = 0xbf;
/** A recorder's header is a few hundred bytes; codec setup data keeps it well under this. */
const HEADER_SCAN_BYTES = 256 * 1024;
/** No recorder writes a cluster bigger than this (a 1 s slice at 50 Mbit/s is about 6 MB). */
const MAX_CLUSTER_BYTES = 256 * 1024 * 1024;

interface Vint {
  length: number;
  value: number;
  /** All value bits set: "size unknown", as a live recorder writes for the Segment and often the Cluster. */
  unknown: boolean;
}

/** Pure: an EBML variable-length integer at `at`, or null when the bytes cannot be one. */
export function readVint(bytes: Uint8Array, at: number): Vint | null {
  const first = bytes[at];
  if (first === undefined || first === 0) return null;
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  if (length > 8 || at + length > bytes.length) return null;
  let value = first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = bytes[at + i] as number;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { length, value, unknown: allOnes };
}

function idAt(bytes: Uint8Array, at: number, id: readonly number[]): boolean {
  return id.every((byte, i) => bytes[at + i] === byte);
}

/**
 * Pure: where the first cluster at or after `from` begins: its ID, a plausible size, then (after an optional
 * CRC-32) its Timecode element. -1 when there is none.
 */
export function findCluster(bytes: Uint8Array, from = 0): number {
  for (let at = Math.max(0, from); at + 8 < bytes.length; at++) {
    if (bytes[at] !== 0x1f || !idAt(bytes, at, CLUSTER_ID)) continue;
    const size = readVint(bytes, at + 4);
    if (!size || (!size.unknown && (size.value < 3 || size.value > MAX_CLUSTER_BYTES))) continue;
    let inside = at + 4 + size.length;
    if (bytes[inside] === CRC32_ID && bytes[inside + 1] === 0x84) inside += 6;
    if (bytes[inside] !== TIMECODE_ID) continue;
    const timecode = readVint(bytes, inside + 1);
    if (timecode && !timecode.unknown && timecode.value >= 1 && timecode.value <= 8) return at;
  }
  return -1;
}

/**
 * Pure: a recording's header (everything before its first cluster), with the Segment's size set to unknown so
 * it fits whatever follows. Null unless the bytes begin with a whole EBML header, a Segment and its Tracks.
 */
export function containerHeader(bytes: Uint8Array): Uint8Array | null {
  if (!idAt(bytes, 0, EBML_ID)) return null;
  const ebmlSize = readVint(bytes, 4);
  if (!ebmlSize || ebmlSize.unknown) return null;
  const segmentAt = 4 + ebmlSize.length + ebmlSize.value;
  if (!idAt(bytes, segmentAt, SEGMENT_ID)) return null;
  const segmentSize = readVint(bytes, segmentAt + 4);
  if (!segmentSize) return null;
  const cluster = findCluster(bytes, segmentAt + 4 + segmentSize.length);
  if (cluster < 0) return null;
  const header = Uint8Array.from(bytes.subarray(0, cluster));
  let hasTracks = false;
  for (let at = segmentAt; at + 4 <= header.length && !hasTracks; at++)
    hasTracks = idAt(header, at, TRACKS_ID);
  if (!hasTracks) return null;
  const sizeAt = segmentAt + 4;
  const n = segmentSize.length;
  header[sizeAt] = (0xff >> (n - 1)) & 0xff;
  header.fill(0xff, sizeAt + 1, sizeAt + n);
  return header;
}

/** The header of a raw recording on disk, or null when its beginning is not a whole one. */
export async function readContainerHeader(file: string): Promise<Uint8Array | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return null;
  }
  try {
    const buffer = Buffer.alloc(HEADER_SCAN_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return containerHeader(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/**
 * Writes `header` + the damaged file from its first cluster that parses to `output`, streaming (a take can be
 * gigabytes). Returns the bytes of the damaged file that were skipped, or null when no cluster parses within the
 * first CLUSTER_SEARCH_BYTES (then nothing is written).
 */
export async function graftHeader(
  damaged: string,
  header: Uint8Array,
  output: string,
): Promise<number | null> {
  const cluster = await findClusterInFile(damaged);
  if (cluster === null) return null;
  await writeFile(output, header);
  await pipeline(createReadStream(damaged, { start: cluster }), createWriteStream(output, { flags: 'a' }));
  return cluster;
}

/** Damage past this far into a file leaves clusters before it, which ffmpeg reads without help. */
const CLUSTER_SEARCH_BYTES = 64 * 1024 * 1024;
const SEARCH_WINDOW_BYTES = 1024 * 1024;

async function findClusterInFile(file: string): Promise<number | null> {
  const handle = await open(file, 'r');
  try {
    // Windows overlap by a cluster's opening bytes, so one split across two windows is still found.
    const overlap = 64;
    const buffer = Buffer.alloc(SEARCH_WINDOW_BYTES + overlap);
    for (let start = 0; start < CLUSTER_SEARCH_BYTES; start += SEARCH_WINDOW_BYTES) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
      if (bytesRead === 0) return null;
      const at = findCluster(buffer.subarray(0, bytesRead));
      if (at >= 0) return start + at;
      if (bytesRead < buffer.length) return null;
    }
    return null;
  } finally {
    await handle.close();
  }
}

/**
 * The last good take's header per recorder format and picture size, kept in the data folder so a one-camera
 * take with a damaged first chunk can still be salvaged.
 */
export interface HeaderCache {
  remember(key: HeaderKey, header: Uint8Array): Promise<void>;
  recall(key: HeaderKey): Promise<Uint8Array | null>;
}

export interface HeaderKey {
  mimeType: string;
  width: number;
  height: number;
}

export function createHeaderCache(dir: string): HeaderCache {
  const fileOf = (key: HeaderKey) =>
    path.join(
      dir,
      `${createHash('sha256').update(`${key.mimeType.toLowerCase()}|${key.width}x${key.height}`).digest('hex').slice(0, 24)}.ebml`,
    );
  return {
    async remember(key, header) {
      const file = fileOf(key);
      const known = await readFile(file).catch(() => null);
      if (known && Buffer.compare(known, header) === 0) return;
      await mkdir(dir, { recursive: true });
      // A cache: written whole (temporary name, then rename) but not flushed; a lost entry costs nothing now.
      const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(temporary, header);
      await rename(temporary, file);
    },
    async recall(key) {
      const bytes = await readFile(fileOf(key)).catch(() => null);
      return bytes && idAt(bytes, 0, EBML_ID) ? new Uint8Array(bytes) : null;
    },
  };
}
