// For capture tests: recorder-like footage made by the real ffmpeg, a real database and data folder, a test
// clock and disk, and a capture service over them (plus a second one over the same folder, as after a restart).
import { readFile, rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeEach } from 'vitest';
import path from 'node:path';
import { pino } from 'pino';
import { fixtures, makeTempDir, openTempDatabase, type TempDatabase } from '../../../db/test-support';
import type { CameraNumber } from '../../shared/capture';
import type { EventName } from '../../shared/contract';
import type { Viewer } from '../access/rules';
import { testClock, type TestClock } from '../auth/test-support';
import { runFfmpeg } from '../ffmpeg/run';
import { createEventHub } from '../ipc/events';
import { createFlightRecording, type FlightRecordingDetail } from '../recordings/service';
import { createCaptureService, type CaptureService, type CaptureServiceOptions } from './service';

export type FootageKind = 'h264' | 'vp8';
/** What the contract's chunk carries. */
export type Chunk = Uint8Array<ArrayBuffer>;

export interface RecorderFootage {
  kind: FootageKind;
  mimeType: string;
  bytes: Chunk;
  durationSeconds: number;
}

const footageDir = makeTempDir('magnum-footage-');
const footageCache = new Map<string, Promise<RecorderFootage>>();

export interface FootageShape {
  width: number;
  height: number;
  rate: number;
  /** Bits per second, or the encoder's default quality when left out. */
  bitrate?: number;
}

const SMALL: FootageShape = { width: 320, height: 240, rate: 20 };

/**
 * What MediaRecorder sends: a live Matroska (H.264) or WebM (VP8) stream with no duration and no index, a
 * keyframe every second. Made once per kind, length and shape per test file.
 */
export function recorderFootage(
  kind: FootageKind,
  durationSeconds = 4,
  shape: FootageShape = SMALL,
): Promise<RecorderFootage> {
  const key = `${kind}-${durationSeconds}-${shape.width}x${shape.height}@${shape.rate}-${shape.bitrate ?? 0}`;
  let made = footageCache.get(key);
  if (!made) {
    made = makeFootage(kind, durationSeconds, shape, key);
    footageCache.set(key, made);
  }
  return made;
}

async function makeFootage(
  kind: FootageKind,
  durationSeconds: number,
  shape: FootageShape,
  key: string,
): Promise<RecorderFootage> {
  const file = path.join(footageDir, `${key}.${kind === 'h264' ? 'mkv' : 'webm'}`);
  const encoder =
    kind === 'h264'
      ? ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p']
      : ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8'];
  const bitrate = shape.bitrate ? ['-b:v', String(shape.bitrate)] : kind === 'vp8' ? ['-b:v', '400k'] : [];
  // prettier-ignore
  await runFfmpeg([
    '-y', '-f', 'lavfi',
    '-i', `testsrc=size=${shape.width}x${shape.height}:rate=${shape.rate}:duration=${durationSeconds}`,
    ...encoder, ...bitrate, '-g', String(shape.rate),
    // live: written as a recorder streams it, with no duration and no index to seek by.
    '-live', '1', '-f', kind === 'h264' ? 'matroska' : 'webm', file,
  ]);
  return {
    kind,
    mimeType: kind === 'h264' ? 'video/x-matroska;codecs=avc1' : 'video/webm;codecs=vp8',
    bytes: new Uint8Array(await readFile(file)),
    durationSeconds,
  };
}

/** For afterAll: removes the footage this test file made. */
export async function removeRecorderFootage(): Promise<void> {
  footageCache.clear();
  await rm(footageDir, { recursive: true, force: true });
}

/** The bytes in `count` nearly equal chunks, cut wherever they fall (as a recorder's timeslice does). */
export function splitIntoChunks(bytes: Chunk, count = 8): Chunk[] {
  const size = Math.ceil(bytes.byteLength / count);
  const chunks: Chunk[] = [];
  for (let offset = 0; offset < bytes.byteLength; offset += size) {
    chunks.push(bytes.slice(offset, Math.min(offset + size, bytes.byteLength)));
  }
  return chunks;
}

/** `ffmpeg -v error -i file -f null -`: decodes every frame; a clean file exits 0 and prints nothing. */
export async function decodeFully(file: string): Promise<{ exitCode: number; errors: string }> {
  const { exitCode, stderr } = await runFfmpeg(['-v', 'error', '-i', file, '-f', 'null', '-'], {
    okExitCodes: [0, 1],
  });
  return { exitCode, errors: stderr.trim() };
}

export interface CaptureHarness {
  t: TempDatabase;
  dataDir: string;
  clock: TestClock;
  /** What the injected disk reports free; change it mid-test. */
  disk: { freeBytes: number | null };
  emitted: Array<{ event: EventName; payload: unknown }>;
  /** Resolves with the payload the next time `event` is emitted. */
  nextEvent(event: EventName): Promise<unknown>;
  crew: Viewer;
  otherCrew: Viewer;
  admin: Viewer;
  flight: FlightRecordingDetail;
  cruisingId: string;
  service: CaptureService;
  /** Another service over the same data folder and database, as after a restart. */
  restart(overrides?: Partial<CaptureServiceOptions>): CaptureService;
  path(relative: string): string;
  dispose(): Promise<void>;
}

export const GB = 1024 ** 3;

export async function openCaptureHarness(
  options: Partial<Pick<CaptureServiceOptions, 'idleMs'>> = {},
): Promise<CaptureHarness> {
  const t = await openTempDatabase();
  const rows = fixtures(t.sqlite);
  const crew: Viewer = { id: rows.user({ name: 'Maya Lindqvist', role: 'crew' }).id, role: 'crew' };
  const otherCrew: Viewer = { id: rows.user({ name: 'Tom Berg', role: 'crew' }).id, role: 'crew' };
  const admin: Viewer = { id: rows.user({ name: 'Ida Admin', role: 'admin' }).id, role: 'admin' };
  const flight = await createFlightRecording(
    t.db,
    { passenger_names: 'Anna & Ben Keller', flight_at: '2025-06-01T09:30:00.000Z', staff_member: crew.id },
    crew.id,
  );
  const clock = testClock('2025-06-01T09:00:00.000Z');
  const disk = { freeBytes: (50 * GB) as number | null };
  const hub = createEventHub();
  const emitted: CaptureHarness['emitted'] = [];
  hub.subscribe((event, payload) => emitted.push({ event, payload }));
  const services: CaptureService[] = [];
  const make = (overrides: Partial<CaptureServiceOptions> = {}) => {
    const service = createCaptureService({
      dataDir: t.dir,
      data: { db: () => t.db, now: clock.now, utcOffsetMinutes: () => 0 },
      logger: pino({ level: 'silent' }),
      events: hub,
      freeBytes: async () => disk.freeBytes,
      idleMs: options.idleMs ?? 60_000,
      ...overrides,
    });
    services.push(service);
    return service;
  };
  return {
    t,
    dataDir: t.dir,
    clock,
    disk,
    emitted,
    nextEvent: (event) =>
      new Promise((resolve) => {
        const unsubscribe = hub.subscribe((name, payload) => {
          if (name !== event) return;
          unsubscribe();
          resolve(payload);
        });
      }),
    crew,
    otherCrew,
    admin,
    flight,
    cruisingId: flight.scenes[0]?.id ?? '',
    service: make(),
    restart: make,
    path: (relative) => path.join(t.dir, ...relative.split('/')),
    async dispose() {
      for (const service of services) await service.close();
      await t.dispose();
    },
  };
}

export const CAMERAS = [
  { camera: 1 as const, label: 'Front camera', width: 320, height: 240, frameRate: 20 },
  { camera: 2 as const, label: 'Rear camera', width: 320, height: 240, frameRate: 20 },
];

/** Sends a camera's chunks one after another, as the screen does; seq 0 carries the recorder's start. */
export async function sendChunks(
  service: CaptureService,
  user: Viewer,
  takeId: string,
  camera: CameraNumber,
  chunks: Chunk[],
  options: { firstSeq?: number; startedAtMs?: number } = {},
) {
  const first = options.firstSeq ?? 0;
  let last = null;
  for (const [i, bytes] of chunks.entries()) {
    const seq = first + i;
    last = await service.chunk(
      {
        takeId,
        camera,
        seq,
        bytes,
        ...(seq === 0 && options.startedAtMs !== undefined ? { startedAtMs: options.startedAtMs } : {}),
      },
      user,
    );
  }
  return last;
}

/** Bytes of `chunks` before chunk `index`: the offset the screen sends with it. */
export function offsetOf(chunks: readonly Chunk[], index: number): number {
  return chunks.slice(0, index).reduce((sum, chunk) => sum + chunk.byteLength, 0);
}

/**
 * Sends chunks `from`..`to` (exclusive) of one recorder part with their offsets, as the screen does: seq is the
 * chunk's index in the part, and chunk 0 carries the recorder's start.
 */
export async function sendWithOffsets(
  service: CaptureService,
  user: Viewer,
  takeId: string,
  camera: CameraNumber,
  chunks: Chunk[],
  options: { from?: number; to?: number; part?: number; startedAtMs?: number } = {},
) {
  let last = null;
  for (let seq = options.from ?? 0; seq < (options.to ?? chunks.length); seq++) {
    last = await service.chunk(
      {
        takeId,
        camera,
        seq,
        part: options.part ?? 0,
        offset: offsetOf(chunks, seq),
        bytes: chunks[seq] as Chunk,
        ...(seq === 0 && options.startedAtMs !== undefined ? { startedAtMs: options.startedAtMs } : {}),
      },
      user,
    );
  }
  return last;
}

/**
 * A fresh harness for every test of the file (and the shared footage removed after the last), through a
 * stand-in that always points at the current test's harness.
 */
export function useCaptureHarness(options: Parameters<typeof openCaptureHarness>[0] = {}): CaptureHarness {
  let current: CaptureHarness | undefined;
  beforeEach(async () => {
    current = await openCaptureHarness(options);
  });
  afterEach(() => current?.dispose());
  afterAll(removeRecorderFootage);
  return new Proxy({} as CaptureHarness, {
    get(_target, key) {
      if (!current) throw new Error('The capture harness is only there inside a test.');
      const value: unknown = Reflect.get(current, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
    },
  });
}

/**
 * Starts a take of the harness's cruising scene as the crew member and sends all of the footage for each
 * camera (not stopped). `startedAtMs(camera)` gives each camera's recorder start, for offset checks.
 */
export async function recordWholeTake(
  h: CaptureHarness,
  kind: FootageKind,
  options: { cameras?: CameraNumber[]; startedAtMs?: (camera: CameraNumber) => number } = {},
) {
  const footage = await recorderFootage(kind);
  const cameras = options.cameras ?? [1, 2];
  const take = await h.service.start(
    {
      sceneId: h.cruisingId,
      mimeType: footage.mimeType,
      cameras: CAMERAS.filter((c) => cameras.includes(c.camera)),
    },
    h.crew,
  );
  for (const camera of cameras) {
    await sendChunks(h.service, h.crew, take.takeId, camera, splitIntoChunks(footage.bytes), {
      startedAtMs: options.startedAtMs?.(camera),
    });
  }
  return { take, footage };
}
