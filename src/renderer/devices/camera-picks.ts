// A camera chosen on the filming screen because the saved setup's camera could be found neither by id nor by
// name. A manager's choice is saved into the setup, for every screen and every day after. The crew cannot
// save the setup (devices.save is for managers), so their choice is kept for this browser tab only
// (sessionStorage: a reload keeps it, closing the tab forgets it) and only while the saved setup is the one
// it was made for: the next save of the setup, by anyone, ends it.
import type { CameraNumber } from '../../shared/capture';
import type { CameraSetup } from '../../shared/devices';
import type { Result } from '../../shared/errors';
import { callMagnum } from '../shell/call';
import type { CameraMatch, CameraPicks, VideoInput } from './devices';

const STORAGE_KEY = 'magnum.cameraPicks';

interface StoredPicks {
  /** setupVersion() of the setup the picks were made for. */
  setup: string;
  picks: CameraPicks;
}

/** Any save of the setup changes updatedAt, and so ends the picks made for the one before. */
const setupVersion = (setup: CameraSetup) => `${setup.id ?? 'none'}@${setup.updatedAt ?? 'never'}`;

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // storage switched off: picks then last until the screen is left
  }
}

/** The crew's picks for this setup; none when the setup has been changed since. */
export function readCameraPicks(setup: CameraSetup): CameraPicks {
  try {
    const stored = JSON.parse(storage()?.getItem(STORAGE_KEY) ?? 'null') as StoredPicks | null;
    return stored?.setup === setupVersion(setup) ? stored.picks : {};
  } catch {
    return {};
  }
}

export function rememberCameraPick(setup: CameraSetup, camera: CameraNumber, deviceId: string): void {
  const stored: StoredPicks = {
    setup: setupVersion(setup),
    picks: { ...readCameraPicks(setup), [camera]: deviceId },
  };
  storage()?.setItem(STORAGE_KEY, JSON.stringify(stored));
}

export function forgetCameraPicks(): void {
  storage()?.removeItem(STORAGE_KEY);
}

/**
 * A manager's pick: saves the setup with `device` as `camera`. The other camera is saved as it is found now
 * when that was by name or by a pick (its new id is kept too); otherwise it stays as saved.
 */
export function saveCameraPick(
  setup: CameraSetup,
  matches: readonly CameraMatch[],
  camera: CameraNumber,
  device: VideoInput,
): Promise<Result<CameraSetup>> {
  const assignment = (number: CameraNumber) => {
    const saved = number === 1 ? setup.camera1 : setup.camera2;
    if (number === camera) return { ...saved, deviceId: device.deviceId, label: device.label };
    const found = matches.find((match) => match.camera === number);
    if (found?.device && (found.foundBy === 'name' || found.foundBy === 'picked'))
      return { ...saved, deviceId: found.device.deviceId, label: found.device.label };
    return saved;
  };
  const { width, height, frameRate, bitrate } = setup;
  return callMagnum((magnum) =>
    magnum.devices.save({
      camera1: assignment(1),
      camera2: assignment(2),
      width,
      height,
      frameRate,
      bitrate,
    }),
  );
}
