// The backup engine end to end on real files and real SQLite: a data folder backed up, checked, backed up again,
// pruned and restored.
import {
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  utimesSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../db/test-support';
import { backupDataDir } from './backup';
import { listGenerations, readVerifiedFiles, verifyGeneration } from './generations';
import { objectPath } from './layout';
import { restoreBackup, switchInRestored } from './restore';
import { allRows, hashTree, makeKioskFolder } from './test-support';
import { BackupError, type BackupProgress } from './types';

let dir: string;
let dataDir: string;
let root: string;
let recordingIds: string[];
let clock: number;
const now = () => new Date((clock += 60_000));

beforeEach(async () => {
  dir = makeTempDir('magnum-backup-');
  dataDir = path.join(dir, 'data');
  root = path.join(dir, 'usb', 'MagnumStream-backups');
  recordingIds = await makeKioskFolder(dataDir);
  clock = Date.UTC(2026, 11, 1, 10);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const LEFT_OUT = ['magnum.db', 'magnum.db-wal', 'magnum.db-shm', 'logs', 'thumbs'];
const backedUpHashes = (folder: string) =>
  new Map([...hashTree(folder, LEFT_OUT)].filter(([file]) => !file.endsWith('.tmp')));

describe('backupDataDir', () => {
  it('backs up the database and every file but logs, thumbnails and temp files, and restores them identically', async () => {
    const result = await backupDataDir({ dataDir, root, keepGenerations: 3, now });
    // 13 files of the kiosk and its kiosk-id, made by the first backup.
    expect(result).toMatchObject({ filesCopied: 14, filesReused: 0, filesTotal: 14, pruned: [] });

    const target = path.join(dir, 'restored');
    const restored = await restoreBackup({ root, dataDir: target });
    expect(restored).toMatchObject({ generation: result.generation, previousDir: null, files: 15 });
    expect(hashTree(target, ['magnum.db'])).toEqual(backedUpHashes(dataDir));
    expect(allRows(path.join(target, 'magnum.db'))).toEqual(allRows(path.join(dataDir, 'magnum.db')));
  });

  it('lists the generation with its figures once it is verified', async () => {
    const result = await backupDataDir({ dataDir, root, keepGenerations: 3, now });
    const [info, ...more] = await listGenerations(root);
    expect(more).toEqual([]);
    expect(info).toMatchObject({
      name: result.generation,
      createdAt: result.createdAt,
      flights: 3,
      sales: 2,
      files: 15,
    });
    expect(info!.schemaVersion).toBeGreaterThanOrEqual(8);
    expect(await verifyGeneration(root, result.generation)).toEqual({ ok: true });
    const verified = await readVerifiedFiles(root);
    expect(verified?.generation).toBe(result.generation);
    expect(verified?.files.get(`media/${recordingIds[0]}/cruising/camera1.mp4`)).toEqual({
      bytes: 64 * 1024,
      sha256: backedUpHashes(dataDir).get(`media/${recordingIds[0]}/cruising/camera1.mp4`),
    });
  });

  it('copies nothing the second time when nothing changed, and only the changed file after a change', async () => {
    await backupDataDir({ dataDir, root, keepGenerations: 3, now });
    const second = await backupDataDir({ dataDir, root, keepGenerations: 3, now });
    expect(second).toMatchObject({ filesCopied: 0, bytesCopied: 0, filesReused: 14 });

    const changed = path.join(dataDir, 'media', recordingIds[1]!, 'exports', 'souvenir.mp4');
    writeFileSync(changed, 'a new export');
    const third = await backupDataDir({ dataDir, root, keepGenerations: 3, now });
    expect(third).toMatchObject({ filesCopied: 1, bytesCopied: 12, filesReused: 13 });
    expect((await listGenerations(root)).map((g) => g.name)).toEqual([
      third.generation,
      second.generation,
      expect.any(String),
    ]);
  });

  it('reports progress: the database first, then the files in priority order, then verification', async () => {
    const phases: BackupProgress[] = [];
    await backupDataDir({ dataDir, root, keepGenerations: 1, now, onProgress: (p) => phases.push(p) });
    const order = [...new Set(phases.map((p) => p.phase))];
    expect(order).toEqual(['database', 'files', 'verifying', 'pruning']);
    const lastFiles = phases.filter((p) => p.phase === 'files').at(-1)!;
    expect(lastFiles).toMatchObject({ filesDone: 14, filesTotal: 14, etaSeconds: 0 });
    expect(lastFiles.bytesDone).toBe(lastFiles.bytesTotal);
  });

  it('keeps the newest N generations and removes objects only older ones used', async () => {
    const first = await backupDataDir({ dataDir, root, keepGenerations: 2, now });
    const gone = path.join(dataDir, 'media', recordingIds[2]!, 'cruising', 'camera2.mp4');
    const goneSha = (await readVerifiedFiles(root))!.files.get(
      `media/${recordingIds[2]}/cruising/camera2.mp4`,
    )!.sha256;
    rmSync(gone);
    const second = await backupDataDir({ dataDir, root, keepGenerations: 2, now });
    expect(second.pruned).toEqual([]);
    expect(existsSync(objectPath(root, goneSha))).toBe(true);
    const third = await backupDataDir({ dataDir, root, keepGenerations: 2, now });
    expect(third.pruned).toEqual([first.generation]);
    expect((await listGenerations(root)).map((g) => g.name)).toEqual([third.generation, second.generation]);
    expect(existsSync(objectPath(root, goneSha))).toBe(false);
    expect(readdirSync(root).sort()).toEqual(['generations', 'objects']);
  });

  it('keeps N generations per kiosk when two kiosks back up into one root, pruning neither’s for the other', async () => {
    const otherData = path.join(dir, 'other-kiosk');
    await makeKioskFolder(otherData);
    writeFileSync(path.join(otherData, 'media', 'only-the-other-kiosk-has-this.bin'), 'other kiosk');
    const mine = await backupDataDir({ dataDir, root, keepGenerations: 1, now });
    const theirs = await backupDataDir({ dataDir: otherData, root, keepGenerations: 1, now });
    // The other kiosk's first backup compared nothing with this kiosk's and pruned nothing of it.
    expect(theirs.pruned).toEqual([]);
    expect(theirs.filesReused).toBe(0);
    const mineAgain = await backupDataDir({ dataDir, root, keepGenerations: 1, now });
    expect(mineAgain.pruned).toEqual([mine.generation]);
    expect(mineAgain.filesCopied).toBe(0);

    const generations = await listGenerations(root);
    expect(generations.map((g) => g.name).sort()).toEqual([mineAgain.generation, theirs.generation].sort());
    expect(new Set(generations.map((g) => g.kioskId)).size).toBe(2);
    // The other kiosk's backup is still whole: its own objects were not swept as unused.
    expect(await verifyGeneration(root, theirs.generation)).toEqual({ ok: true });
    const target = path.join(dir, 'restored-other');
    await restoreBackup({ root, generation: theirs.generation, dataDir: target });
    expect(readFileSync(path.join(target, 'media', 'only-the-other-kiosk-has-this.bin'), 'utf8')).toBe(
      'other kiosk',
    );
    expect(readFileSync(path.join(target, 'kiosk-id'), 'utf8')).toBe(
      readFileSync(path.join(otherData, 'kiosk-id'), 'utf8'),
    );
  });

  it('refuses a backup folder inside the data folder', async () => {
    await expect(
      backupDataDir({ dataDir, root: path.join(dataDir, 'backups'), keepGenerations: 1 }),
    ).rejects.toThrow(/inside the data folder/);
  });

  it('refuses a data folder without a database, naming it', async () => {
    rmSync(path.join(dataDir, 'magnum.db'));
    await expect(backupDataDir({ dataDir, root, keepGenerations: 1 })).rejects.toThrow(/no kiosk database/);
    expect(await listGenerations(root)).toEqual([]);
  });

  it('uses the open connection it is given (the app keeps working meanwhile)', async () => {
    const live = new Sqlite(path.join(dataDir, 'magnum.db'));
    live.prepare("UPDATE flight_recordings SET notes = 'changed while open'").run();
    const result = await backupDataDir({ dataDir, root, keepGenerations: 1, sqlite: live, now });
    live.close();
    const copy = path.join(root, 'generations', result.generation, 'magnum.db');
    const notes = allRows(copy).flight_recordings!.map((row) => (row as { notes: string }).notes);
    expect(notes).toEqual(['changed while open', 'changed while open', 'changed while open']);
  });

  it('stops when asked and leaves the earlier generations as they were', async () => {
    const first = await backupDataDir({ dataDir, root, keepGenerations: 1, now });
    const controller = new AbortController();
    const attempt = backupDataDir({
      dataDir,
      root,
      keepGenerations: 1,
      now,
      signal: controller.signal,
      onProgress: (p) => p.phase === 'database' && controller.abort(),
    });
    await expect(attempt).rejects.toThrow(/stopped/);
    expect((await listGenerations(root)).map((g) => g.name)).toEqual([first.generation]);
    expect(await verifyGeneration(root, first.generation)).toEqual({ ok: true });
  });
});

describe('restoreBackup for the app (switchIn: false)', () => {
  it('leaves the verified copy staged beside the data folder, and the live data as it was', async () => {
    const { generation } = await backupDataDir({ dataDir, root, keepGenerations: 1, now });
    writeFileSync(path.join(dataDir, 'deliveries', 'outbox.json'), '["changed after the backup"]');
    const live = hashTree(dataDir);
    const result = await restoreBackup({ root, dataDir, switchIn: false });
    expect(result).toMatchObject({ generation, previousDir: null, files: 15 });
    expect(path.dirname(result.stagedDir)).toBe(dir);
    expect(path.basename(result.stagedDir)).toMatch(/^data\.restoring-[0-9a-f]+$/);
    expect(hashTree(dataDir)).toEqual(live);

    const { previousDir } = await switchInRestored(result.stagedDir, dataDir);
    expect(readFileSync(path.join(dataDir, 'deliveries', 'outbox.json'), 'utf8')).toBe('[]');
    expect(hashTree(previousDir!)).toEqual(live);
  });
});

describe('one writer per backup folder', () => {
  it('refuses a second backup into a folder another backup is writing to', async () => {
    let holdsTheLock = () => {};
    const started = new Promise<void>((resolve) => (holdsTheLock = resolve));
    const first = backupDataDir({ dataDir, root, keepGenerations: 1, now, onProgress: () => holdsTheLock() });
    await started;
    await expect(backupDataDir({ dataDir, root, keepGenerations: 1, now })).rejects.toThrow(
      /Another backup is using .*Wait for it to finish/,
    );
    await first;
    expect(await listGenerations(root)).toHaveLength(1);
  });
});

describe('damaged and partial backups', () => {
  let generation: string;
  const rel = () => `media/${recordingIds[0]}/cruising/camera1.mp4`;
  const objectOf = async (file: string) =>
    objectPath(root, (await readVerifiedFiles(root))!.files.get(file)!.sha256);
  const restoreInto = () => restoreBackup({ root, dataDir: path.join(dir, 'restored') });

  beforeEach(async () => {
    ({ generation } = await backupDataDir({ dataDir, root, keepGenerations: 1, now }));
  });

  async function refusal(): Promise<BackupError> {
    const error = await restoreInto().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect(existsSync(path.join(dir, 'restored'))).toBe(false);
    expect(readdirSync(dir).filter((name) => name.startsWith('restored'))).toEqual([]);
    return error as BackupError;
  }

  it('refuses a backup with a missing object, naming the file', async () => {
    rmSync(await objectOf(rel()));
    const error = await refusal();
    expect(error.problems).toEqual([expect.stringMatching(new RegExp(`^missing file ${rel()}: `))]);
    expect(error.message).toContain(`missing file ${rel()}`);
    expect(await verifyGeneration(root, generation)).toEqual({ ok: false, problems: error.problems });
  });

  it('refuses a backup whose object was altered, naming the hash mismatch', async () => {
    const object = await objectOf(rel());
    const bytes = readFileSync(object);
    bytes[100] = bytes[100]! ^ 0xff;
    writeFileSync(object, bytes);
    const error = await refusal();
    expect(error.problems).toEqual([
      expect.stringMatching(new RegExp(`^damaged file ${rel()}: .*hash mismatch`)),
    ]);
  });

  it('refuses a backup with a truncated object', async () => {
    truncateSync(await objectOf(rel()), 10);
    const error = await refusal();
    expect(error.problems).toEqual([
      expect.stringMatching(new RegExp(`^damaged file ${rel()}: .* has 10 bytes`)),
    ]);
  });

  it('refuses a backup whose database is damaged', async () => {
    const copy = path.join(root, 'generations', generation, 'magnum.db');
    const bytes = readFileSync(copy);
    bytes.fill(0x41, 4096, 8192); // the second page: a table's b-tree
    writeFileSync(copy, bytes);
    const error = await refusal();
    expect(error.problems[0]).toMatch(/^damaged database: /);
    expect((await verifyGeneration(root, generation)).ok).toBe(false);
  });

  it('refuses a backup whose manifest is unreadable', async () => {
    writeFileSync(path.join(root, 'generations', generation, 'manifest.json'), '{"format": "magnumstr');
    const error = await restoreBackup({ root, dataDir: path.join(dir, 'restored'), generation }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BackupError);
    expect((error as BackupError).problems).toEqual([expect.stringMatching(/manifest .* is unreadable/)]);
    expect(await listGenerations(root)).toEqual([]);
    await expect(restoreInto()).rejects.toThrow(/no complete backup/);
  });

  it('names the backups there are when asked for one that is not', async () => {
    await expect(
      restoreBackup({ root, dataDir: path.join(dir, 'restored'), generation: '../x' }),
    ).rejects.toThrow(`There is no backup called "../x" in ${root} (backups: ${generation}).`);
  });

  it('refuses a manifest that names a path outside the data folder', async () => {
    const file = path.join(root, 'generations', generation, 'manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    manifest.files[0].path = '../outside.txt';
    writeFileSync(file, JSON.stringify(manifest));
    const error = await restoreBackup({ root, dataDir: path.join(dir, 'restored'), generation }).catch(
      (e: unknown) => e,
    );
    expect((error as BackupError).problems).toEqual([expect.stringMatching(/unreadable/)]);
    expect(existsSync(path.join(dir, 'outside.txt'))).toBe(false);
  });

  it('re-copies a file whose object went missing instead of trusting the old manifest', async () => {
    const object = await objectOf(rel());
    rmSync(object);
    utimesSync(path.join(dataDir, rel()), new Date(), new Date(Date.now() - 5000));
    const again = await backupDataDir({ dataDir, root, keepGenerations: 1, now });
    expect(again.filesCopied).toBe(1);
    expect(existsSync(object)).toBe(true);
  });
});
