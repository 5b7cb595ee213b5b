// The "start MagnumStream when this computer starts" setting meets the computer: the stored value is applied at
// start (so the entry follows the program if it moved) and when an admin changes it. The setting is the truth:
// when the computer refuses, it stays saved, the failure is logged, and the settings screen says what happened
// and what to do until a later apply works.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../../db/schema';
import type { KioskSettings, SettingsView, StartAtLoginStatus } from '../../shared/settings';
import type { StartAtLogin } from '../system/start-at-login';
import { readKioskSettings, updateKioskSettings } from './service';

export interface StartAtLoginSetting {
  status(): StartAtLoginStatus;
  /** Makes the computer's entry match `enabled`. Never throws: a refusal becomes the status's problem. */
  apply(enabled: boolean): Promise<StartAtLoginStatus>;
  /** Applies what the settings table holds (at start). */
  applyStored(db: Kysely<Database>): Promise<StartAtLoginStatus>;
}

/** Without a way to start at login (the browser kiosk host), the setting is only stored. */
export function createStartAtLoginSetting(deps: {
  startAtLogin?: StartAtLogin;
  logger: Logger;
}): StartAtLoginSetting {
  const { startAtLogin, logger } = deps;
  const supported = startAtLogin?.supported ?? false;
  let problem: string | null = null;
  // One switch at a time, so the entry ends as the last change asked.
  let queue: Promise<unknown> = Promise.resolve();

  const status = (): StartAtLoginStatus => ({ supported, problem });

  async function applyNow(enabled: boolean): Promise<StartAtLoginStatus> {
    if (!startAtLogin || !supported) return status();
    try {
      await startAtLogin.apply(enabled);
      if (problem) logger.info({ enabled }, 'start at login switched after an earlier failure');
      problem = null;
    } catch (error) {
      logger.error({ err: error, enabled }, 'start at login could not be switched');
      const what = error instanceof Error ? error.message : 'The computer gave no reason.';
      problem = `“Start MagnumStream when this computer starts” is saved as ${enabled ? 'on' : 'off'}, but the computer did not take it: ${what} Then save the settings again.`;
    }
    return status();
  }

  return {
    status,
    apply(enabled) {
      const done = queue.then(() => applyNow(enabled));
      queue = done;
      return done;
    },
    async applyStored(db) {
      return this.apply((await readKioskSettings(db)).startAtLogin);
    },
  };
}

/** For hosts and tests without a way to start at login: the setting is only stored. */
export const storedOnlyStartAtLogin: StartAtLoginSetting = {
  status: () => ({ supported: false, problem: null }),
  apply: async () => ({ supported: false, problem: null }),
  applyStored: async () => ({ supported: false, problem: null }),
};

/** The stored settings with what the computer made of start at login. */
export async function readSettingsView(
  db: Kysely<Database>,
  startAtLogin: StartAtLoginSetting,
): Promise<SettingsView> {
  return { ...(await readKioskSettings(db)), startAtLoginStatus: startAtLogin.status() };
}

/**
 * Saves the change, then switches the computer's entry when start at login changed, or when it was asked for
 * again after the computer refused it (saving again is how an admin retries).
 */
export async function updateSettingsView(
  db: Kysely<Database>,
  startAtLogin: StartAtLoginSetting,
  change: Partial<KioskSettings>,
  actingUserId: string | null,
): Promise<SettingsView> {
  const before = change.startAtLogin === undefined ? null : await readKioskSettings(db);
  const settings = await updateKioskSettings(db, change, actingUserId);
  const retry = startAtLogin.status().problem !== null;
  const startAtLoginStatus =
    before && (before.startAtLogin !== settings.startAtLogin || retry)
      ? await startAtLogin.apply(settings.startAtLogin)
      : startAtLogin.status();
  return { ...settings, startAtLoginStatus };
}
