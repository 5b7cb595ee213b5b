// The drive watcher with real folders: a "drive" is plugged in by making a folder under a removable root (as
// MAGNUM_TEST_DRIVES_DIR makes the kiosk look there) and taken out by removing it.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../db/test-support';
import { TEST_DRIVES_ENV, testDriveBases } from '../config';
import { removableRoots } from '../photos/photo-card';
import { watchDrives, type DriveWatcher, type DrivesChange } from './drive-watcher';
import { targetIdOf, type TargetRoot } from './targets';

let base = '';
let watcher: DriveWatcher | undefined;
afterEach(() => {
  watcher?.close();
  watcher = undefined;
  if (base) rmSync(base, { recursive: true, force: true });
});

/** The kiosk's own folder plus every drive under `base`, as app.ts lists the targets. */
const rootsUnder = (dir: string) => async (): Promise<TargetRoot[]> => [
  { dir: path.join(dir, '..'), label: 'The kiosk’s deliveries folder', kind: 'folder' },
  ...(await removableRoots('linux', [dir])).map((root) => ({ ...root, kind: 'drive' as const })),
];

function start(intervalMs = 0): DrivesChange[] {
  base = makeTempDir('magnum-drives-');
  const changes: DrivesChange[] = [];
  watcher = watchDrives({ roots: rootsUnder(base), onChange: (c) => changes.push(c), intervalMs });
  return changes;
}

describe('watchDrives', () => {
  it('says nothing about the drives already there when it starts', async () => {
    base = makeTempDir('magnum-drives-');
    mkdirSync(path.join(base, 'OLDSTICK'));
    const changes: DrivesChange[] = [];
    watcher = watchDrives({ roots: rootsUnder(base), onChange: (c) => changes.push(c), intervalMs: 0 });
    await watcher.poll();
    await watcher.poll();
    expect(changes).toEqual([]);
  });

  it('reports a drive plugged in, by its opaque id, with every drive there', async () => {
    const changes = start();
    await watcher!.poll();
    mkdirSync(path.join(base, 'KINGSTON'));
    await watcher!.poll();
    const id = targetIdOf(path.join(base, 'KINGSTON'));
    expect(changes).toEqual([
      {
        drives: [{ id, label: 'Drive KINGSTON', kind: 'drive', freeBytes: expect.any(Number) }],
        added: [id],
      },
    ]);
    expect(JSON.stringify(changes)).not.toContain(base);
  });

  it('reports each change once, and a drive taken out with nothing added', async () => {
    const changes = start();
    await watcher!.poll();
    mkdirSync(path.join(base, 'KINGSTON'));
    await watcher!.poll();
    await watcher!.poll();
    rmSync(path.join(base, 'KINGSTON'), { recursive: true });
    await watcher!.poll();
    expect(changes.map((c) => [c.drives.length, c.added.length])).toEqual([
      [1, 1],
      [0, 0],
    ]);
  });

  it('finds a new drive on its own timer', async () => {
    base = makeTempDir('magnum-drives-');
    const seen = new Promise<DrivesChange>((resolve) => {
      watcher = watchDrives({ roots: rootsUnder(base), onChange: resolve, intervalMs: 20 });
    });
    await watcher!.poll();
    mkdirSync(path.join(base, 'SANDISK'));
    expect((await seen).added).toEqual([targetIdOf(path.join(base, 'SANDISK'))]);
  });

  it('stops looking once closed', async () => {
    const changes = start();
    await watcher!.poll();
    watcher!.close();
    mkdirSync(path.join(base, 'KINGSTON'));
    await watcher!.poll();
    expect(changes).toEqual([]);
  });
});

describe('MAGNUM_TEST_DRIVES_DIR', () => {
  it('names absolute folders only, separated like PATH', () => {
    expect(testDriveBases({})).toBeNull();
    expect(
      testDriveBases({ [TEST_DRIVES_ENV]: `/tmp/a${path.delimiter}relative${path.delimiter}/tmp/b` }),
    ).toEqual(['/tmp/a', '/tmp/b']);
  });

  it('makes each sub-folder of those folders a removable drive', async () => {
    base = makeTempDir('magnum-drives-');
    mkdirSync(path.join(base, 'B-STICK'));
    mkdirSync(path.join(base, 'A-STICK'));
    expect(await removableRoots('linux', [base])).toEqual([
      { dir: path.join(base, 'A-STICK'), label: 'Drive A-STICK' },
      { dir: path.join(base, 'B-STICK'), label: 'Drive B-STICK' },
    ]);
  });
});
