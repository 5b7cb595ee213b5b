import { describe, expect, it } from 'vitest';
import type { SystemInfo } from '../../shared/system';
import { FOLDER_HIDDEN, withFoldersHidden } from './folders-hidden';

const info = (database: SystemInfo['database']): SystemInfo => ({
  appName: 'MagnumStream',
  version: '1.0.0',
  host: 'browser',
  startedAt: '2026-12-02T10:00:00.000Z',
  dataDir: '/home/maria/MagnumStream',
  database,
  ffmpeg: {
    available: true,
    source: 'system',
    path: '/usr/bin/ffmpeg',
    version: '5.1.9',
    label: 'ffmpeg 5.1.9',
    current: true,
    features: { libx264: true, drawtext: true, xfade: true },
  },
  storage: { freeBytes: 1, totalBytes: 2, lowBytes: 0, growthBytesPerDay: null, daysLeft: null, level: 'ok' },
  backup: { lastVerifiedAt: null },
});

describe('system.info for the network', () => {
  it('keeps the status strip’s facts and hides every folder, also inside messages', () => {
    const hidden = withFoldersHidden(
      info({
        state: 'error',
        path: '/home/maria/MagnumStream/magnum.db',
        message: 'Free space on /home/maria/MagnumStream, then restart the kiosk.',
      }),
    );
    expect(JSON.stringify(hidden)).not.toContain('/home/maria');
    expect(JSON.stringify(hidden)).not.toContain('/usr/bin');
    expect(hidden).toMatchObject({
      dataDir: FOLDER_HIDDEN,
      database: {
        state: 'error',
        path: FOLDER_HIDDEN,
        message: `Free space on ${FOLDER_HIDDEN}, then restart the kiosk.`,
      },
      ffmpeg: { available: true, path: FOLDER_HIDDEN, label: 'ffmpeg 5.1.9' },
      storage: { level: 'ok', freeBytes: 1 },
      version: '1.0.0',
    });
  });
});
