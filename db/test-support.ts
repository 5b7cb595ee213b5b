// Test helpers: a real database file in a temp dir, and valid rows to insert (tests override one field
// to show that the database itself refuses it). Raw better-sqlite3 inserts, so invalid values reach SQLite.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Sqlite from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase } from './open';
import type { MagnumDatabase } from './open';
import type { SceneType } from './schema';

export interface TempDatabase extends MagnumDatabase {
  dir: string;
  /** Closes the database and removes the temp dir. */
  dispose(): Promise<void>;
}

export function makeTempDir(prefix = 'magnum-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function openTempDatabase(): Promise<TempDatabase> {
  const dir = makeTempDir('magnum-db-');
  const opened = await openDatabase(join(dir, 'magnum.db'));
  return {
    ...opened,
    dir,
    async dispose() {
      if (opened.sqlite.open) await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Row = Record<string, string | number | null>;

export function insertRow(sqlite: Sqlite.Database, table: string, row: Row): void {
  const columns = Object.keys(row);
  sqlite
    .prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
    )
    .run(row);
}

export function countRows(
  sqlite: Sqlite.Database,
  table: string,
  where = '1 = 1',
  ...params: unknown[]
): number {
  const row = sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...params) as {
    n: number;
  };
  return row.n;
}

const SCENE_INDEX: Record<SceneType, number> = { cruising: 1, chase: 2, arrival: 3 };

/** Valid rows, each inserted and returned; pass overrides to make one field invalid. */
export function fixtures(sqlite: Sqlite.Database) {
  const add = (table: string, row: Row): Row & { id: string } => {
    insertRow(sqlite, table, row);
    return row as Row & { id: string };
  };
  return {
    user: (o: Row = {}) => add('users', { id: randomUUID(), name: 'Maya Lindqvist', role: 'crew', ...o }),
    session: (userId: string, o: Row = {}) =>
      add('user_sessions', {
        id: randomUUID(),
        user_id: userId,
        token_hash: randomUUID(),
        expires_at: '2030-01-01T00:00:00.000Z',
        ...o,
      }),
    recording: (o: Row = {}) =>
      add('flight_recordings', {
        id: randomUUID(),
        passenger_names: 'Anna & Ben Keller',
        flight_at: '2025-06-01T09:30:00.000Z',
        ...o,
      }),
    scene: (recordingId: string, sceneType: SceneType = 'cruising', o: Row = {}) =>
      add('scene_recordings', {
        id: randomUUID(),
        recording_id: recordingId,
        scene_type: sceneType,
        scene_index: SCENE_INDEX[sceneType],
        ...o,
      }),
    segment: (sceneId: string, segmentNumber: number, o: Row = {}) =>
      add('scene_segments', {
        id: randomUUID(),
        scene_id: sceneId,
        segment_number: segmentNumber,
        start_time: 2.5,
        duration: 4,
        camera_angle: 1,
        ...o,
      }),
    slot: (recordingId: string, sceneId: string, slotNumber: number, o: Row = {}) =>
      add('video_slots', {
        id: randomUUID(),
        recording_id: recordingId,
        scene_id: sceneId,
        slot_number: slotNumber,
        camera_angle: 1,
        ...o,
      }),
    sale: (recordingId: string, o: Row = {}) =>
      add('sales', {
        id: randomUUID(),
        recording_id: recordingId,
        bundle: 'video_only',
        amount_cents: 2500,
        currency: 'USD',
        payment_method: 'card',
        ...o,
      }),
    exportJob: (recordingId: string, o: Row = {}) =>
      add('export_jobs', { id: randomUUID(), recording_id: recordingId, kind: 'video', ...o }),
    storage: (recordingId: string, o: Row = {}) =>
      add('storage_usage', {
        id: randomUUID(),
        recording_id: recordingId,
        kind: 'raw',
        path: `media/${recordingId}/${randomUUID()}.mp4`,
        bytes: 1000,
        ...o,
      }),
    auditLog: (o: Row = {}) =>
      add('audit_logs', { id: randomUUID(), action: 'create', entity_type: 'sale', ...o }),
  };
}

export type Fixtures = ReturnType<typeof fixtures>;

/** A fresh database with fixtures for every test, closed and removed after it; `use` receives each pair. */
export function useFixtureDatabase(use: (database: TempDatabase, rows: Fixtures) => void): void {
  let current: TempDatabase | undefined;
  beforeEach(async () => {
    current = await openTempDatabase();
    use(current, fixtures(current.sqlite));
  });
  afterEach(() => current?.dispose());
}
