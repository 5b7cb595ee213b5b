// backup.json on a real disk: written whole, read back leniently, and its history kept short.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../db/test-support';
import { HISTORY_LENGTH, type BackupRun } from '../../shared/backups';
import {
  EMPTY_BACKUP_FILE,
  lastVerified,
  mergeHistories,
  readBackupFile,
  withRun,
  writeBackupFile,
} from './settings-file';

let dataDir: string;
beforeEach(() => {
  dataDir = makeTempDir('magnum-backup-file-');
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function run(n: number, overrides: Partial<BackupRun> = {}): BackupRun {
  const at = new Date(Date.UTC(2026, 5, 1) + n * 3_600_000).toISOString();
  return {
    id: `run-${n}`,
    kind: 'backup',
    trigger: 'manual',
    startedAt: at,
    finishedAt: at,
    outcome: 'verified',
    root: '/media/kiosk/BACKUP/MagnumStream-backups',
    generation: `g${n}`,
    generationCreatedAt: at,
    filesCopied: 1,
    bytesCopied: 10,
    filesTotal: 1,
    bytesTotal: 10,
    message: null,
    ...overrides,
  };
}

describe('backup.json', () => {
  it('reads as the defaults when there is none yet', async () => {
    expect(await readBackupFile(dataDir)).toEqual(EMPTY_BACKUP_FILE);
  });

  it('reads back what was written, and leaves no temporary file behind', async () => {
    const file = { target: '/media/kiosk/BACKUP', dailyAt: '22:30', keepGenerations: 5, history: [run(1)] };
    await writeBackupFile(dataDir, file);
    expect(await readBackupFile(dataDir)).toEqual(file);
    expect(readdirSync(dataDir)).toEqual(['backup.json']);
  });

  it('reads a file that is not JSON as the defaults instead of failing', async () => {
    writeFileSync(path.join(dataDir, 'backup.json'), '{"target": "/media/kiosk/BA');
    expect(await readBackupFile(dataDir)).toEqual(EMPTY_BACKUP_FILE);
  });

  it('keeps what reads and drops what does not: a bad run, a bad time', async () => {
    writeFileSync(
      path.join(dataDir, 'backup.json'),
      JSON.stringify({
        target: '/x',
        dailyAt: '25:99',
        keepGenerations: 3,
        history: [run(1), { id: 'junk' }],
      }),
    );
    expect(await readBackupFile(dataDir)).toEqual({
      target: '/x',
      dailyAt: null,
      keepGenerations: 3,
      history: [run(1)],
    });
  });

  it('keeps the last runs only, newest first', async () => {
    let file = { ...EMPTY_BACKUP_FILE };
    for (let n = 0; n < HISTORY_LENGTH + 5; n += 1) file = withRun(file, run(n));
    await writeBackupFile(dataDir, file);
    const history = (await readBackupFile(dataDir)).history;
    expect(history).toHaveLength(HISTORY_LENGTH);
    expect(history[0]?.id).toBe(`run-${HISTORY_LENGTH + 4}`);
    expect(JSON.parse(readFileSync(path.join(dataDir, 'backup.json'), 'utf8')).history).toHaveLength(
      HISTORY_LENGTH,
    );
  });

  it('merges two histories once each, newest first', () => {
    expect(mergeHistories([run(3), run(1)], [run(2), run(1)]).map((r) => r.id)).toEqual([
      'run-3',
      'run-2',
      'run-1',
    ]);
  });

  it('names the newest verified backup, not a newer failed one or a restore', () => {
    const history = [
      run(5, { outcome: 'failed', generation: null }),
      run(4, { kind: 'restore' }),
      run(3),
      run(2),
    ];
    expect(lastVerified(history)?.id).toBe('run-3');
    expect(lastVerified([run(1, { outcome: 'skipped', generation: null })])).toBeNull();
  });
});
