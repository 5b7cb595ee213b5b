// For the storage tests: a real database file whose folder is the data folder, flights with real footage files
// (and their storage rows, as capture writes them), sales delivered each way, and a verified backup built from the
// real files' SHA-256, the shape the backup engine's readVerifiedFiles returns. The channels run behind the real
// dispatcher, so input checks and roles apply.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach } from 'vitest';
import { fixtures, openTempDatabase, type Fixtures, type TempDatabase } from '../../../db/test-support';
import type { EventName } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { createDataAccess, type DataAccess } from '../data-access';
import { COPY_TO_DRIVE_ACTION } from '../delivery/copy';
import { createDispatcher, type SessionUser } from '../ipc/dispatch';
import { createEventHub } from '../ipc/events';
import { handlersWith, valueOf } from '../ipc/test-support';
import { storageHandlers } from './handlers';
import { createStorageService, type StorageService } from './service';
import type { VerifiedFiles } from './verified-files';

export const NOW = new Date('2026-12-02T10:00:00.000Z');
const DAY_MS = 24 * 60 * 60_000;
export const daysAgo = (days: number, from = NOW) => new Date(from.getTime() - days * DAY_MS).toISOString();

export interface FlightSpec {
  passengerNames?: string;
  flownDaysAgo: number;
  /** Sold this many days ago (a completed sale), else unsold. */
  soldDaysAgo?: number;
  deliveredBy?: 'download' | 'email' | 'copy';
  /** Bytes of each of the two camera files of the cruising scene. */
  footageBytes?: number;
}

export interface TestFlight {
  id: string;
  passengerNames: string;
  sceneId: string;
  saleId: string | null;
  /** The raw footage files, relative to the data folder. */
  raw: string[];
  /** The souvenir video (kept by the rules). */
  video: string;
}

export interface StorageBench {
  t: TempDatabase;
  f: Fixtures;
  dataDir: string;
  data: DataAccess;
  admin: SessionUser;
  crew: SessionUser;
  emitted: Array<{ event: EventName; payload: unknown }>;
  /** What the service's verifiedFiles() returns; tests set it. */
  backup: { current: VerifiedFiles | null };
  service: StorageService;
  flight(spec: FlightSpec): TestFlight;
  /** Writes a file under the data folder with random bytes; returns its size. */
  writeFile(relative: string, bytes: number): number;
  /** A verified backup holding these files as they are on disk now. */
  backupOf(paths: readonly string[], generation?: string): VerifiedFiles;
  exists(relative: string): boolean;
  call<T>(channel: string, input: unknown, session?: 'admin' | 'crew'): Promise<Result<T>>;
  value<T>(channel: string, input: unknown): Promise<T>;
  dispose(): Promise<void>;
}

export function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export async function openStorageBench(): Promise<StorageBench> {
  const t = await openTempDatabase();
  const dataDir = t.dir;
  const f = fixtures(t.sqlite);
  const admin: SessionUser = {
    id: f.user({ name: 'Maria Lopez', role: 'admin' }).id,
    name: 'Maria Lopez',
    role: 'admin',
  };
  const crew: SessionUser = {
    id: f.user({ name: 'Tom Reed', role: 'crew' }).id,
    name: 'Tom Reed',
    role: 'crew',
  };
  const data = createDataAccess({ handle: t }, { now: () => NOW, utcOffsetMinutes: () => 0 });
  const events = createEventHub();
  const emitted: StorageBench['emitted'] = [];
  events.subscribe((event, payload) => emitted.push({ event, payload }));
  const backup: StorageBench['backup'] = { current: null };
  const service = createStorageService({
    dataDir,
    data,
    logger: pino({ level: 'silent' }),
    events,
    verifiedFiles: async () => backup.current,
  });
  const users = new Map([
    ['admin', admin],
    ['crew', crew],
  ]);
  const dispatch = createDispatcher({
    handlers: handlersWith(storageHandlers(service)),
    logger: pino({ level: 'silent' }),
    resolveUser: (session) => users.get(session) ?? null,
  });
  const call = async <T>(channel: string, input: unknown, session: 'admin' | 'crew' = 'admin') =>
    (await dispatch({ channel, input, session, transport: 'websocket' })) as Result<T>;
  const absolute = (relative: string) => path.join(dataDir, ...relative.split('/'));

  const writeFile = (relative: string, bytes: number) => {
    mkdirSync(path.dirname(absolute(relative)), { recursive: true });
    writeFileSync(absolute(relative), randomBytes(bytes));
    return bytes;
  };

  const flight = (spec: FlightSpec): TestFlight => {
    const passengerNames = spec.passengerNames ?? 'Anna & Ben Keller';
    const recording = f.recording({ passenger_names: passengerNames, flight_at: daysAgo(spec.flownDaysAgo) });
    const raw = [1, 2].map((camera) => `media/${recording.id}/cruising/camera${camera}.mp4`);
    const scene = f.scene(recording.id, 'cruising', {
      status: 'recorded',
      camera1_path: raw[0]!,
      camera2_path: raw[1]!,
      camera1_duration: 20,
      camera2_duration: 20,
    });
    for (const file of raw) {
      f.storage(recording.id, {
        scene_id: scene.id,
        kind: 'raw',
        path: file,
        bytes: writeFile(file, spec.footageBytes ?? 3000),
        recorded_at: daysAgo(spec.flownDaysAgo),
      });
    }
    const video = `media/${recording.id}/exports/job-${randomUUID().slice(0, 8)}.mp4`;
    f.exportJob(recording.id, {
      status: 'completed',
      output_path: video,
      finished_at: daysAgo(spec.flownDaysAgo),
    });
    f.storage(recording.id, {
      kind: 'export',
      path: video,
      bytes: writeFile(video, 500),
      recorded_at: daysAgo(spec.flownDaysAgo),
    });
    let saleId: string | null = null;
    if (spec.soldDaysAgo !== undefined) {
      saleId = f.sale(recording.id, { sale_date: daysAgo(spec.soldDaysAgo) }).id;
      t.sqlite.prepare('UPDATE flight_recordings SET sold = 1 WHERE id = ?').run(recording.id);
      if (spec.deliveredBy === 'download') {
        t.sqlite
          .prepare(
            `INSERT INTO sale_downloads (id, sale_id, token_hash, created_at, expires_at, download_count)
             VALUES (?, ?, ?, ?, ?, 1)`,
          )
          .run(
            randomUUID(),
            saleId,
            createHash('sha256').update(randomUUID()).digest('hex'),
            daysAgo(spec.soldDaysAgo),
            daysAgo(spec.soldDaysAgo - 1),
          );
      } else if (spec.deliveredBy === 'email') {
        t.sqlite
          .prepare(
            `INSERT INTO delivery_outbox (id, sale_id, channel, recipient, status, next_attempt_at, sent_at, message_id)
             VALUES (?, ?, 'email', 'anna@example.com', 'sent', ?, ?, ?)`,
          )
          .run(
            randomUUID(),
            saleId,
            daysAgo(spec.soldDaysAgo),
            daysAgo(spec.soldDaysAgo),
            `<${randomUUID()}@kiosk.test>`,
          );
      } else if (spec.deliveredBy === 'copy') {
        f.auditLog({ action: COPY_TO_DRIVE_ACTION, entity_type: 'sale', entity_id: saleId });
      }
    }
    return { id: recording.id, passengerNames, sceneId: scene.id, saleId, raw, video };
  };

  return {
    t,
    f,
    dataDir,
    data,
    admin,
    crew,
    emitted,
    backup,
    service,
    flight,
    writeFile,
    backupOf: (paths, generation = '2026-12-01T22-00-00Z') => ({
      generation,
      createdAt: '2026-12-01T22:00:00.000Z',
      files: new Map(
        paths.map((p) => [p, { bytes: readFileSync(absolute(p)).length, sha256: sha256Of(absolute(p)) }]),
      ),
    }),
    exists: (relative) => {
      try {
        readFileSync(absolute(relative));
        return true;
      } catch {
        return false;
      }
    },
    call,
    value: async <T>(channel: string, input: unknown) => valueOf(await call<T>(channel, input)),
    dispose: () => t.dispose(),
  };
}

/** A fresh bench per test, disposed after it. */
export function useStorageBench(): () => Promise<StorageBench> {
  const open: StorageBench[] = [];
  afterEach(async () => {
    for (const bench of open.splice(0)) await bench.dispose();
  });
  return async () => {
    const bench = await openStorageBench();
    open.push(bench);
    return bench;
  };
}
