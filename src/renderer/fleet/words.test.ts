import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/fleet';
import { syncAge, syncStatusLine, transportNote, waitingChanges } from './words';

const now = new Date('2026-06-05T12:00:00Z');
const on: SyncStatus = { configured: true, pending: 0, lastPushAt: null, lastError: null };

describe('sync words', () => {
  it('says how long ago the last push went through', () => {
    expect(syncAge('2026-06-05T11:59:30Z', now)).toBe('just now');
    expect(syncAge('2026-06-05T11:58:00Z', now)).toBe('2 min ago');
    expect(syncAge('2026-06-05T09:00:00Z', now)).toBe('3 hours ago');
    expect(syncAge('2026-06-04T09:00:00Z', now)).toBe('yesterday');
    expect(syncAge('2026-06-01T09:00:00Z', now)).toBe('4 days ago');
  });

  it('counts what waits in plain words', () => {
    expect(waitingChanges(1)).toBe('1 change waits to sync');
    expect(waitingChanges(12)).toBe('12 changes wait to sync');
  });

  it('says nothing while syncing is not set up or switched off', () => {
    expect(syncStatusLine(null, now)).toBeNull();
    expect(syncStatusLine({ ...on, configured: false, pending: 40 }, now)).toBeNull();
  });

  it('names a failure first, then what waits, then when it last synced', () => {
    expect(
      syncStatusLine(
        { ...on, pending: 3, lastPushAt: '2026-06-05T11:58:00Z', lastError: 'the server did not answer' },
        now,
      ),
    ).toEqual({ text: 'Not synced: the server did not answer', bad: true });
    expect(syncStatusLine({ ...on, pending: 12, lastPushAt: '2026-06-05T11:58:00Z' }, now)).toEqual({
      text: '12 changes wait to sync',
      bad: false,
    });
    expect(syncStatusLine({ ...on, lastPushAt: '2026-06-05T11:58:00Z' }, now)).toEqual({
      text: 'Synced 2 min ago',
      bad: false,
    });
    expect(syncStatusLine(on, now)).toEqual({ text: 'Nothing to sync yet', bad: false });
  });
});

describe('how the address carries the rows', () => {
  it('warns when a network could read them or a machine could pose as the server', () => {
    expect(transportNote('verified')).toMatchObject({
      warn: false,
      text: expect.stringContaining('certificate is checked'),
    });
    expect(transportNote('local')).toMatchObject({ warn: false });
    expect(transportNote('unverified')).toMatchObject({ warn: true, text: expect.stringContaining('pose') });
    expect(transportNote('plain')).toMatchObject({
      warn: true,
      text: expect.stringContaining('Not encrypted'),
    });
  });
});
