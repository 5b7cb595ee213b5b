// The `settings` area (admin): the kiosk's working rules — session length, idle lock, scene length, disk,
// exports at once, photos per flight, download links, the operator's name, whether videos make themselves and
// whether the desktop app starts when the computer does.
import { z } from 'zod';
import { ADMIN_ONLY, channel } from './define';

export interface KioskSettings {
  /** How long a sign-in lasts. */
  sessionHours: number;
  /** Minutes without a touch before the screen locks (work is kept). */
  idleLockMinutes: number;
  /** A scene's stop button is refused before this many seconds. */
  minSceneSeconds: number;
  /** Recording is refused with less free disk than this (and stopped well before the disk fills). */
  minFreeDiskGb: number;
  /** Export jobs ffmpeg runs at the same time (each uses every core it can get). */
  exportConcurrency: number;
  /** Still photos a photo export takes from a flight. */
  photoCount: number;
  /** How long a sale's download link (its QR code) works. */
  downloadLinkHours: number;
  /** The operator's name, on the title card under the passengers' names; empty for none. */
  operatorName: string;
  /** The video is made by itself once every slot has footage, and joined again after an edit. */
  autoMakeVideo: boolean;
  /** Filming is refused for a flight whose passengers have not signed the waiver (self check-in). */
  requireWaiver: boolean;
  /** The desktop app starts when this computer's user logs in (off by default). */
  startAtLogin: boolean;
}

/** Whether this kiosk host can start itself at login, and how the last switch went. */
export interface StartAtLoginStatus {
  /** False on the browser kiosk host: only the desktop app can register itself with the computer. */
  supported: boolean;
  /** What happened and what to do when the computer did not take the saved setting; null when it did. */
  problem: string | null;
}

/** The settings as the admin screen shows them: the stored values and what the computer made of start at login. */
export interface SettingsView extends KioskSettings {
  startAtLoginStatus: StartAtLoginStatus;
}

export const settingsChannels = {
  'settings.get': channel<SettingsView>()({
    summary:
      'Session length, idle lock, minimum scene length, the free disk recording needs, exports at once, photos per flight, how long download links work, the operator name, whether videos are made by themselves, whether filming needs a signed waiver and whether the desktop app starts at login.',
    input: z.strictObject({}),
    access: ADMIN_ONLY,
    example: {},
  }),
  'settings.update': channel<SettingsView>()({
    summary:
      'Changes kiosk settings. Start at login is saved even when the computer refuses it; the answer says why.',
    input: z
      .strictObject({
        sessionHours: z.number().int().min(1).max(72).optional(),
        idleLockMinutes: z.number().int().min(1).max(120).optional(),
        minSceneSeconds: z.number().int().min(1).max(600).optional(),
        minFreeDiskGb: z.number().int().min(1).max(500).optional(),
        exportConcurrency: z.number().int().min(1).max(4).optional(),
        photoCount: z.number().int().min(1).max(30).optional(),
        downloadLinkHours: z.number().int().min(1).max(168).optional(),
        operatorName: z
          .string()
          .max(60, 'The operator name can be at most 60 characters.')
          .regex(/^[^\p{Cc}]*$/u, 'The operator name cannot hold control characters.')
          .optional(),
        autoMakeVideo: z.boolean().optional(),
        requireWaiver: z.boolean().optional(),
        startAtLogin: z.boolean().optional(),
      })
      .refine((change) => Object.values(change).some((value) => value !== undefined), {
        message:
          'Say what to change: sessionHours, idleLockMinutes, minSceneSeconds, minFreeDiskGb, exportConcurrency, photoCount, downloadLinkHours, operatorName, autoMakeVideo, requireWaiver or startAtLogin.',
      }),
    access: ADMIN_ONLY,
    example: { idleLockMinutes: 15 },
  }),
};
