// npm run backup, run as an operator runs it (tsx scripts/backup.ts) on a real data folder; and killed with
// SIGKILL while it copies files, which must leave the previous backup whole and let the next run complete.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../db/test-support';
import { listGenerations, verifyGeneration } from '../src/main/backups/engine';
import { makeKioskFolder } from '../src/main/backups/engine/test-support';
import { killCliWhen, runCli, writeRandomFiles } from './backup-cli-support';

let dir: string;
let dataDir: string;
let dest: string;

beforeEach(async () => {
  dir = makeTempDir('magnum-backup-cli-');
  dataDir = join(dir, 'data');
  dest = join(dir, 'usb', 'MagnumStream-backups');
  await makeKioskFolder(dataDir, { flights: 2 });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run backup', () => {
  it('backs up, says what it copied and checked, and exits 0', async () => {
    const run = runCli('backup', '--data-dir', dataDir, '--to', dest);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Backing up ${dataDir} to ${dest}`);
    expect(run.stdout).toMatch(/Copied 10 files \(.+\); 0 files \(0 B\) unchanged/);
    expect(run.stdout).toContain('the database copy passed integrity_check');
    expect(run.stdout).toMatch(/Backup \S+ is complete and verified: the database and 10 files/);
    const [generation] = await listGenerations(dest);
    expect(await verifyGeneration(dest, generation!.name)).toEqual({ ok: true });

    const again = runCli('backup', `--data-dir=${dataDir}`, `--to=${dest}`, '--keep', '1');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Copied 0 files \(0 B\); 10 files \(.+\) unchanged since the last backup/);
    expect(again.stdout).toContain(`Removed older backups: ${generation!.name}.`);
  });

  it('exits 1 with the reason when the folder holds no kiosk database', () => {
    rmSync(join(dataDir, 'magnum.db'));
    const run = runCli('backup', '--data-dir', dataDir, '--to', dest);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^backup: There is no kiosk database at .*magnum\.db/);
  });

  it.each([
    ['no --to', ['--data-dir', '/tmp']],
    ['--keep 0', ['--data-dir', '/tmp', '--to', '/tmp/b', '--keep', '0']],
  ])('exits 2 with one clear line for %s', (_case, args) => {
    const run = runCli('backup', ...args);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^backup: .*usage: npm run backup -- --data-dir DIR --to DEST/);
  });

  it('killed with SIGKILL while copying files, leaves the previous backup whole; the next run completes', async () => {
    expect(runCli('backup', '--data-dir', dataDir, '--to', dest).code).toBe(0);
    const [previous] = await listGenerations(dest);
    const footage = join(dataDir, 'media', 'big-flight', 'cruising');
    mkdirSync(footage, { recursive: true });
    writeRandomFiles(footage, 30, 10_000_000);

    // Killed once the new run has stored an object of its own: mid-way through its 300 MB.
    const objectsBefore = readdirSync(join(dest, 'objects')).length;
    await killCliWhen(
      'backup',
      ['--data-dir', dataDir, '--to', dest],
      (stdout) =>
        stdout.includes('Copying files:') && readdirSync(join(dest, 'objects')).length > objectsBefore,
    );
    expect(existsSync(join(dest, 'lock.json'))).toBe(true); // it died holding the lock
    expect(readdirSync(join(dest, 'tmp')).some((name) => name.startsWith('build-'))).toBe(true);
    expect((await listGenerations(dest)).map((g) => g.name)).toEqual([previous!.name]);
    expect(await verifyGeneration(dest, previous!.name)).toEqual({ ok: true });

    const next = runCli('backup', '--data-dir', dataDir, '--to', dest);
    expect(next.stderr).toBe('');
    expect(next.code).toBe(0);
    expect(next.stdout).toMatch(/Copied 30 files \(300 MB\); 10 files .* unchanged/);
    const generations = await listGenerations(dest);
    expect(generations).toHaveLength(2);
    expect(await verifyGeneration(dest, generations[0]!.name)).toEqual({ ok: true });
    expect(readdirSync(dest).sort()).toEqual(['generations', 'objects']);
  });
});
