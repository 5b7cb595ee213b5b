// npm run restore, run as an operator runs it (tsx scripts/restore.ts) from a real backup; refusing a damaged
// one; and killed with SIGKILL while it copies, which must leave the live data folder untouched.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../db/test-support';
import { backupDataDir, readVerifiedFiles } from '../src/main/backups/engine';
import { objectPath } from '../src/main/backups/engine/layout';
import { allRows, hashTree, makeKioskFolder } from '../src/main/backups/engine/test-support';
import { killCliWhen, runCli, writeRandomFiles } from './backup-cli-support';

let dir: string;
let dataDir: string;
let dest: string;
let generation: string;

/** What a restore must reproduce: every file but those a backup leaves out. */
const backedUp = (folder: string) =>
  new Map(
    [...hashTree(folder, ['magnum.db', 'magnum.db-wal', 'magnum.db-shm', 'logs', 'thumbs'])].filter(
      ([file]) => !file.endsWith('.tmp'),
    ),
  );

beforeEach(async () => {
  dir = makeTempDir('magnum-restore-cli-');
  dataDir = join(dir, 'data');
  dest = join(dir, 'usb', 'MagnumStream-backups');
  await makeKioskFolder(dataDir, { flights: 2 });
  ({ generation } = await backupDataDir({ dataDir, root: dest, keepGenerations: 3 }));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run restore', () => {
  it('restores into a new folder, says what it checked, and exits 0', () => {
    const target = join(dir, 'new-kiosk');
    const run = runCli('restore', '--from', dest, '--data-dir', target);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Restoring the newest backup from ${dest} into ${target}`);
    expect(run.stdout).toMatch(
      /Checked: 11 files \(.+\) matched their sha256; the database passed integrity_check/,
    );
    expect(run.stdout).toContain(`Restored backup ${generation} into ${target}.`);
    expect(backedUp(target)).toEqual(backedUp(dataDir));
    expect(allRows(join(target, 'magnum.db'))).toEqual(allRows(join(dataDir, 'magnum.db')));
  });

  it('lists the backups, and restores the one named over existing data, which it keeps aside', async () => {
    const live = new Sqlite(join(dataDir, 'magnum.db'));
    live.prepare("UPDATE flight_recordings SET notes = 'after the first backup'").run();
    live.close();
    const newer = await backupDataDir({ dataDir, root: dest, keepGenerations: 3 });
    const list = runCli('restore', '--from', dest, '--list');
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n').slice(1, 3)).toEqual([
      expect.stringMatching(new RegExp(`^  ${newer.generation}  2 flights, 1 sale, 11 files`)),
      expect.stringMatching(new RegExp(`^  ${generation}  2 flights, 1 sale, 11 files`)),
    ]);

    const run = runCli('restore', '--from', dest, '--data-dir', dataDir, '--generation', generation);
    expect(run.code).toBe(0);
    const aside = readdirSync(dir).find((name) => name.startsWith('data.before-restore-'));
    expect(run.stdout).toContain(`The data that was in ${dataDir} is kept in ${join(dir, aside!)}.`);
    const notes = allRows(join(dataDir, 'magnum.db')).flight_recordings!.map(
      (r) => (r as { notes: string }).notes,
    );
    expect(notes).toEqual([null, null]);
    const keptNotes = allRows(join(dir, aside!, 'magnum.db')).flight_recordings!.map(
      (r) => (r as { notes: string }).notes,
    );
    expect(keptNotes).toEqual(['after the first backup', 'after the first backup']);
  });

  it('refuses a backup with a missing file, names it, exits 1 and creates nothing', async () => {
    const verified = await readVerifiedFiles(dest);
    const [path, { sha256 }] = [...verified!.files].find(([file]) => file.endsWith('camera2.mp4'))!;
    rmSync(objectPath(dest, sha256));
    const target = join(dir, 'new-kiosk');
    const run = runCli('restore', '--from', dest, '--data-dir', target);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `restore: The backup ${generation} cannot be restored: missing file ${path}`,
    );
    expect(run.stderr).toContain('Nothing was changed; choose another backup.');
    expect(readdirSync(dir).filter((name) => name.startsWith('new-kiosk'))).toEqual([]);
  });

  it.each([
    ['no --data-dir', ['--from', '/tmp']],
    ['an unknown argument', ['--from', '/tmp', '--to', '/tmp/b']],
  ])('exits 2 with one clear line for %s', (_case, args) => {
    const run = runCli('restore', ...args);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^restore: .*usage: npm run restore -- --from DEST --data-dir NEWDIR/);
  });

  it('killed with SIGKILL while copying, leaves the live data untouched; the next run completes', async () => {
    const footage = join(dataDir, 'media', 'big-flight', 'cruising');
    mkdirSync(footage, { recursive: true });
    writeRandomFiles(footage, 20, 10_000_000);
    const big = await backupDataDir({ dataDir, root: dest, keepGenerations: 3 });
    rmSync(join(dataDir, 'media', 'big-flight'), { recursive: true }); // the live data differs from the backup
    const liveFiles = backedUp(dataDir);
    const liveRows = allRows(join(dataDir, 'magnum.db'));

    const staging = () => readdirSync(dir).filter((name) => name.startsWith('data.restoring-'));
    await killCliWhen('restore', ['--from', dest, '--data-dir', dataDir], () => {
      const [stage] = staging();
      return (
        stage !== undefined &&
        existsSync(join(dir, stage, 'media', 'big-flight', 'cruising', 'take-000.webm'))
      );
    });
    expect(backedUp(dataDir)).toEqual(liveFiles);
    expect(allRows(join(dataDir, 'magnum.db'))).toEqual(liveRows);
    expect(existsSync(`${dataDir}.restore-journal.json`)).toBe(false);
    expect(staging()).toHaveLength(1); // the half-made copy, beside the data

    const next = runCli('restore', '--from', dest, '--data-dir', dataDir);
    expect(next.stderr).toBe('');
    expect(next.code).toBe(0);
    expect(next.stdout).toContain(`Restored backup ${big.generation} into ${dataDir}.`);
    expect(backedUp(dataDir).size).toBe(liveFiles.size + 20);
    expect(staging()).toEqual([]);
  });
});
