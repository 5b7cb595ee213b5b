// The journaled switch: the restored copy in, the live data aside; and, for every point a kill -9 can hit,
// what the next start makes of it.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../../db/test-support';
import { finishInterruptedRestore, journalPath, switchInRestored } from './switch';

let dir: string;
let live: string;
let staged: string;
const aside = () => readdirSync(dir).filter((name) => name.startsWith('data.before-restore-'));
const content = (folder: string) => readFileSync(path.join(folder, 'magnum.db'), 'utf8');

beforeEach(() => {
  dir = makeTempDir('magnum-switch-');
  live = path.join(dir, 'data');
  staged = path.join(dir, 'data.restoring-abc123');
  mkdirSync(live);
  writeFileSync(path.join(live, 'magnum.db'), 'live');
  mkdirSync(staged);
  writeFileSync(path.join(staged, 'magnum.db'), 'restored');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The journal as switchInRestored writes it before the first rename. */
function journal(previousDir: string | null) {
  writeFileSync(journalPath(live), JSON.stringify({ stagedDir: staged, dataDir: live, previousDir }));
}

describe('switchInRestored', () => {
  it('moves the live data aside, never deleting it, and the restored copy in', async () => {
    const { previousDir } = await switchInRestored(staged, live);
    expect(previousDir).toMatch(/data\.before-restore-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
    expect(content(previousDir!)).toBe('live');
    expect(content(live)).toBe('restored');
    expect(existsSync(staged)).toBe(false);
    expect(existsSync(journalPath(live))).toBe(false);
  });

  it('puts the copy in place when there is no data folder, or an empty one', async () => {
    rmSync(live, { recursive: true });
    mkdirSync(live);
    expect(await switchInRestored(staged, live)).toEqual({ previousDir: null });
    expect(content(live)).toBe('restored');
    expect(aside()).toEqual([]);
  });
});

describe('finishInterruptedRestore', () => {
  it('has nothing to do without a journal, and clears abandoned staging copies', async () => {
    expect(await finishInterruptedRestore(live)).toBe('none');
    expect(content(live)).toBe('live');
    expect(existsSync(staged)).toBe(false);
  });

  it('rolls back when killed before the live data moved: the live data is untouched', async () => {
    journal(path.join(dir, 'data.before-restore-x'));
    expect(await finishInterruptedRestore(live)).toBe('rolled-back');
    expect(content(live)).toBe('live');
    expect(existsSync(staged)).toBe(false);
    expect(existsSync(journalPath(live))).toBe(false);
  });

  it('completes when killed after the live data moved aside: the verified copy goes in', async () => {
    const previous = path.join(dir, 'data.before-restore-x');
    journal(previous);
    renameSync(live, previous);
    expect(await finishInterruptedRestore(live)).toBe('completed');
    expect(content(live)).toBe('restored');
    expect(content(previous)).toBe('live');
    expect(existsSync(journalPath(live))).toBe(false);
  });

  it('completes when killed after both renames, before the journal was removed', async () => {
    const previous = path.join(dir, 'data.before-restore-x');
    journal(previous);
    renameSync(live, previous);
    renameSync(staged, live);
    expect(await finishInterruptedRestore(live)).toBe('completed');
    expect(content(live)).toBe('restored');
    expect(existsSync(journalPath(live))).toBe(false);
  });

  it('completes when a new data folder appeared after the live data moved aside, keeping that folder', async () => {
    const previous = path.join(dir, 'data.before-restore-x');
    journal(previous);
    renameSync(live, previous);
    mkdirSync(path.join(live, 'logs'), { recursive: true });
    expect(await finishInterruptedRestore(live)).toBe('completed');
    expect(content(live)).toBe('restored');
    expect(content(previous)).toBe('live');
    expect(readdirSync(dir).filter((name) => name.startsWith('data.recreated-'))).toHaveLength(1);
  });

  it('completes when an empty data folder appeared where there was none before', async () => {
    rmSync(live, { recursive: true });
    journal(null);
    mkdirSync(live);
    expect(await finishInterruptedRestore(live)).toBe('completed');
    expect(content(live)).toBe('restored');
    expect(existsSync(staged)).toBe(false);
  });

  it('puts the live data back when the staged copy vanished after it moved aside', async () => {
    const previous = path.join(dir, 'data.before-restore-x');
    journal(previous);
    renameSync(live, previous);
    rmSync(staged, { recursive: true });
    expect(await finishInterruptedRestore(live)).toBe('rolled-back');
    expect(content(live)).toBe('live');
  });
});
