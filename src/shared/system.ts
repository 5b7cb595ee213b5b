// The `system` area: what the kiosk home shows about the installation, and renderer error reports.
import { z } from 'zod';
import { channel, event } from './define';

export type DatabaseStatus =
  | {
      state: 'ok';
      path: string;
      schemaVersion: number;
      journalMode: string;
      sizeBytes: number;
      recordings: number;
    }
  | { state: 'error'; path: string; message: string }
  /**
   * The file is not a database or failed `PRAGMA quick_check` at start: it is not opened at all, and the kiosk
   * shows the recovery screen, which offers the last backup.
   */
  | { state: 'damaged'; path: string; message: string; problems: string[] };

/** What the resolved ffmpeg can do, read from its own lists rather than assumed from a version. */
export interface FfmpegFeatures {
  /** H.264 encoding: exports need it. */
  libx264: boolean;
  /** Text on video: the title card needs it (without it, videos are made without a title). */
  drawtext: boolean;
  /** Crossfades (ffmpeg 4.3 and later); exports cut between slots, so this is for information. */
  xfade: boolean;
}

/** Where the ffmpeg in use came from, in the order they are tried (see src/main/ffmpeg/resolve.ts). */
export type FfmpegSource = 'env' | 'system' | 'packaged' | 'ffmpeg-static' | 'ffmpeg-installer';

export type FfmpegStatus =
  | {
      available: true;
      source: FfmpegSource;
      path: string;
      /** As the binary prints it: "5.1.9-0+deb12u1", "N-47683-g0e8eb07980-static". */
      version: string;
      /** What to call it: "ffmpeg 5.1.9", "ffmpeg (2018 build)". */
      label: string;
      /** Version 5 or later. An older one still makes videos, but the home screen asks for a current one. */
      current: boolean;
      features: FfmpegFeatures;
    }
  | { available: false; message: string };

export interface StorageStatus {
  /** Bytes free for the data folder, or null where the platform cannot tell. */
  freeBytes: number | null;
  totalBytes: number | null;
  /** Below this, recording is refused (capture checks it again before every scene). */
  lowBytes: number;
  /** The flights' files grew this much per day over the last 14 days; null when it could not be read. */
  growthBytesPerDay: number | null;
  /** Days until free space falls to `lowBytes` at that rate; null when nothing grows or it is unknown. */
  daysLeft: number | null;
  /**
   * What Home says: `critical` — recording is refused now or within 3 days; `warning` — within 14 days, or less
   * than twice the floor is free; `unknown` — the free space cannot be read.
   */
  level: 'ok' | 'warning' | 'critical' | 'unknown';
}

export interface SystemInfo {
  appName: string;
  version: string;
  host: 'electron' | 'browser';
  startedAt: string;
  dataDir: string;
  database: DatabaseStatus;
  ffmpeg: FfmpegStatus;
  storage: StorageStatus;
  /** From backup.json (read even when the database is damaged): when the newest verified backup was made. */
  backup: { lastVerifiedAt: string | null };
}

export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
}

export const systemChannels = {
  'system.info': channel<SystemInfo>()({
    summary: 'Version, database and ffmpeg status for the kiosk home screen.',
    input: z.strictObject({}),
    access: 'public',
    example: {},
  }),
  'system.reportRendererError': channel<{ logged: true }>()({
    summary: 'Writes an error the screen could not handle to the main log, so support can find it later.',
    input: z.strictObject({
      screen: z.string().min(1).max(100),
      message: z.string().min(1).max(2_000),
      stack: z.string().max(20_000).optional(),
    }),
    access: 'public',
    example: {
      screen: 'home',
      message: 'Cannot read properties of undefined',
      stack: 'at Home (home.tsx:1)',
    },
  }),
};

export const systemEvents = {
  'system.notice': event<Notice>()({
    summary: 'A message for whoever is at the kiosk: storage low, a camera lost, a job finished.',
  }),
};
