// For the delivery tests: a real database file, real media files in its data folder, two sold flights (one by
// each crew member), and the delivery channels behind the real dispatcher, so input checks and roles apply.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach } from 'vitest';
import { fixtures, makeTempDir, openTempDatabase, type TempDatabase } from '../../../db/test-support';
import type { EventName } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { createDataAccess, type DataAccess } from '../data-access';
import { createDispatcher, type Dispatch, type SessionUser } from '../ipc/dispatch';
import { createEventHub, type EventHub } from '../ipc/events';
import { handlersWith, valueOf } from '../ipc/test-support';
import type { CopyHooks } from './copy';
import type { DownloadServer } from './download-server';
import { deliveryHandlers } from './handlers';
import { createOutbox, type Outbox, type OutboxSender } from './outbox';
import { createDeliveryService, type DeliveryService } from './service';
import type { TargetRoot } from './targets';

export const NOW = new Date('2026-12-02T10:00:00.000Z');
export const silentLogger = pino({ level: 'silent' });

export interface DeliveryBench {
  t: TempDatabase;
  dataDir: string;
  /** A fake USB drive: a real temp folder. */
  drive: TargetRoot;
  data: DataAccess;
  events: EventHub;
  /** Every event emitted, in order. */
  emitted: Array<{ event: EventName; payload: unknown }>;
  clock: { now: Date };
  admin: SessionUser;
  crew: SessionUser;
  otherCrew: SessionUser;
  /** Sold by crew: Video + Photos of a flight with a video and three stills. */
  saleId: string;
  recordingId: string;
  /** Sold by otherCrew: Video Only of another flight. */
  otherSaleId: string;
  otherRecordingId: string;
  /** The bytes of every media file, by its path relative to the data folder. */
  bytes: Map<string, Buffer>;
  service: DeliveryService;
  outbox: Outbox;
  dispatch: Dispatch;
  call<T>(channel: string, input: unknown, session?: string): Promise<Result<T>>;
  value<T>(channel: string, input: unknown, session?: string): Promise<T>;
  dispose(): Promise<void>;
}

export interface BenchOptions {
  downloads?: Pick<DownloadServer, 'base'>;
  sender?: OutboxSender;
  copyHooks?: CopyHooks;
  freeBytes?(dir: string): Promise<number | null>;
  /** The places to copy to, in place of the one fake drive (the drive watcher's tests plug drives in). */
  targetRoots?(): Promise<TargetRoot[]>;
}

export const codeOf = (result: Result<unknown>) => (result.ok ? 'ok' : result.error.code);

/** Writes a media file into the data folder with random content and records it as storage_usage does. */
function writeMedia(bench: { dataDir: string; bytes: Map<string, Buffer> }, relative: string, size: number) {
  const content = randomBytes(size);
  const absolute = path.join(bench.dataDir, relative);
  mkdirSync(path.dirname(absolute), { recursive: true });
  writeFileSync(absolute, content);
  bench.bytes.set(relative, content);
  return content.length;
}

export async function openDeliveryBench(options: BenchOptions = {}): Promise<DeliveryBench> {
  const t = await openTempDatabase();
  const dataDir = t.dir;
  const driveDir = makeTempDir('magnum-drive-');
  const drive: TargetRoot = { dir: driveDir, label: 'Drive TESTSTICK', kind: 'drive' };
  const f = fixtures(t.sqlite);
  const bytes = new Map<string, Buffer>();
  const person = (name: string, role: 'admin' | 'crew'): SessionUser => ({
    id: f.user({ name, role }).id,
    name,
    role,
  });
  const admin = person('Maria Lopez', 'admin');
  const crew = person('Tom Reed', 'crew');
  const otherCrew = person('Ana Silva', 'crew');

  const recordingId = f.recording({
    passenger_names: 'Anna & Ben Keller',
    customer_email: 'anna@example.com',
    staff_member: crew.id,
  }).id;
  const videoPath = `media/${recordingId}/exports/job1.mp4`;
  f.exportJob(recordingId, {
    status: 'completed',
    output_path: videoPath,
    finished_at: '2026-12-02T09:00:00.000Z',
  });
  // Over two copy chunks, so a failure can come after some bytes of a file are already on the drive.
  f.storage(recordingId, {
    kind: 'export',
    path: videoPath,
    bytes: writeMedia({ dataDir, bytes }, videoPath, 2_500_000),
  });
  const stills = `media/${recordingId}/photos/job2`;
  f.exportJob(recordingId, {
    kind: 'photos',
    status: 'completed',
    output_path: stills,
    finished_at: '2026-12-02T09:01:00.000Z',
  });
  for (const n of [1, 2, 3]) {
    const photo = `${stills}/photo-0${n}.jpg`;
    f.storage(recordingId, {
      kind: 'photo',
      path: photo,
      bytes: writeMedia({ dataDir, bytes }, photo, 40_000 + n),
    });
  }
  const saleId = f.sale(recordingId, {
    bundle: 'video_photos',
    amount_cents: 4500,
    staff_member: crew.id,
  }).id;

  const otherRecordingId = f.recording({ passenger_names: 'Priya Natarajan', staff_member: otherCrew.id }).id;
  const otherVideo = `media/${otherRecordingId}/exports/job3.mp4`;
  f.exportJob(otherRecordingId, {
    status: 'completed',
    output_path: otherVideo,
    finished_at: '2026-12-02T09:30:00.000Z',
  });
  f.storage(otherRecordingId, {
    kind: 'export',
    path: otherVideo,
    bytes: writeMedia({ dataDir, bytes }, otherVideo, 300_000),
  });
  const otherSaleId = f.sale(otherRecordingId, { staff_member: otherCrew.id }).id;

  const clock = { now: NOW };
  const data = createDataAccess({ handle: t }, { now: () => clock.now, utcOffsetMinutes: () => 0 });
  const events = createEventHub();
  const emitted: DeliveryBench['emitted'] = [];
  events.subscribe((event, payload) => emitted.push({ event, payload }));
  const outbox = createOutbox({
    data,
    dataDir,
    logger: silentLogger,
    events,
    sender: options.sender,
    pollMs: 3_600_000,
    // As app.ts does: the receipt e-mail carries a download link made by the delivery service.
    downloadLink: (saleId) => service.emailLink(saleId),
  });
  const service: DeliveryService = createDeliveryService({
    dataDir,
    data,
    logger: silentLogger,
    events,
    targetRoots: options.targetRoots ?? (async () => [drive]),
    // The tests look for drives when they want to (service.lookForDrives), not on a timer.
    driveWatchMs: 0,
    downloads: options.downloads ?? { base: () => ({ ok: true, url: 'http://192.168.1.20:8787' }) },
    outbox,
    freeBytes: options.freeBytes,
    copyHooks: options.copyHooks,
  });
  const users = new Map([
    ['admin', admin],
    ['crew', crew],
    ['other', otherCrew],
  ]);
  const dispatch = createDispatcher({
    handlers: handlersWith(deliveryHandlers(service)),
    logger: silentLogger,
    resolveUser: (session) => users.get(session) ?? null,
  });
  const call = async <T>(channel: string, input: unknown, session = 'crew') =>
    (await dispatch({ channel, input, session, transport: 'websocket' })) as Result<T>;

  return {
    t,
    dataDir,
    drive,
    data,
    events,
    emitted,
    clock,
    admin,
    crew,
    otherCrew,
    saleId,
    recordingId,
    otherSaleId,
    otherRecordingId,
    bytes,
    service,
    outbox,
    dispatch,
    call,
    value: async <T>(channel: string, input: unknown, session = 'crew') =>
      valueOf(await call<T>(channel, input, session)),
    async dispose() {
      await service.close();
      await outbox.close();
      await t.dispose();
      rmSync(driveDir, { recursive: true, force: true });
    },
  };
}

/** A bench per test, disposed after it: call the returned function in a test to open one. */
export function useDeliveryBench(): (options?: BenchOptions) => Promise<DeliveryBench> {
  let bench: DeliveryBench | undefined;
  afterEach(async () => {
    await bench?.dispose();
    bench = undefined;
  });
  return async (options = {}) => {
    bench = await openDeliveryBench(options);
    return bench;
  };
}
