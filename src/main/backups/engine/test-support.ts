// Test helpers: a real kiosk data folder (a migrated database with flights and sales, media files of random
// bytes, plus what a backup leaves out), and ways to compare two folders (file hashes, every table's rows).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { openDatabase } from '../../../../db/open';
import { fixtures } from '../../../../db/test-support';

export interface KioskFolderOptions {
  flights?: number;
  /** Bytes of each raw camera file (two per flight); exports and photos are a tenth of it. */
  fileBytes?: number;
}

/** A data folder as the kiosk leaves it; returns the recording ids, newest flight first. */
export async function makeKioskFolder(dataDir: string, options: KioskFolderOptions = {}): Promise<string[]> {
  const flights = options.flights ?? 3;
  const fileBytes = options.fileBytes ?? 64 * 1024;
  const opened = await openDatabase(path.join(dataDir, 'magnum.db'));
  const rows = fixtures(opened.sqlite);
  const ids: string[] = [];
  for (let i = 0; i < flights; i++) {
    const recording = rows.recording({
      passenger_names: `Passenger ${i}`,
      flight_at: new Date(Date.UTC(2026, 10, 1 + i, 9)).toISOString(),
    });
    ids.unshift(recording.id);
    if (i % 2 === 0) rows.sale(recording.id);
    rows.auditLog({ entity_id: recording.id });
    const media = path.join(dataDir, 'media', recording.id);
    mkdirSync(path.join(media, 'cruising'), { recursive: true });
    mkdirSync(path.join(media, 'exports'), { recursive: true });
    mkdirSync(path.join(media, 'photos'), { recursive: true });
    writeFileSync(path.join(media, 'cruising', 'camera1.mp4'), randomBytes(fileBytes));
    writeFileSync(path.join(media, 'cruising', 'camera2.mp4'), randomBytes(fileBytes));
    writeFileSync(path.join(media, 'exports', 'souvenir.mp4'), randomBytes(Math.ceil(fileBytes / 10)));
    writeFileSync(path.join(media, 'photos', 'photo-1.jpg'), randomBytes(Math.ceil(fileBytes / 10)));
  }
  mkdirSync(path.join(dataDir, 'deliveries'), { recursive: true });
  writeFileSync(path.join(dataDir, 'deliveries', 'outbox.json'), '[]');
  // What a backup leaves out: logs, the thumbnail cache, files still being written.
  mkdirSync(path.join(dataDir, 'logs'), { recursive: true });
  writeFileSync(path.join(dataDir, 'logs', 'magnum.log'), 'started\n');
  mkdirSync(path.join(dataDir, 'thumbs'), { recursive: true });
  writeFileSync(path.join(dataDir, 'thumbs', 'poster.jpg'), randomBytes(100));
  writeFileSync(path.join(dataDir, 'media', ids[0]!, 'cruising', 'camera1.mp4.remux.tmp'), randomBytes(100));
  await opened.close();
  return ids;
}

/** sha256 of every file under dir, keyed by posix path; `skip` leaves out top-level names. */
export function hashTree(dir: string, skip: string[] = []): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (!relative && skip.includes(entry.name)) continue;
      if (entry.isDirectory()) walk(child);
      else
        hashes.set(
          child,
          createHash('sha256')
            .update(readFileSync(path.join(dir, child)))
            .digest('hex'),
        );
    }
  };
  walk('');
  return new Map([...hashes].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Every row of every table, in rowid order (or the whole row's order for WITHOUT ROWID tables). */
export function allRows(databaseFile: string): Record<string, unknown[]> {
  const db = new Sqlite(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    const rows: Record<string, unknown[]> = {};
    for (const table of tables) {
      const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map(
        (column) => `"${column.name}"`,
      );
      rows[table] = db.prepare(`SELECT * FROM "${table}" ORDER BY ${columns.join(', ')}`).all();
    }
    return rows;
  } finally {
    db.close();
  }
}

export const fileSize = (file: string) => statSync(file).size;
