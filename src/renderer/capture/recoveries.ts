// Scenes main saved at start from a recording the kiosk was closed in the middle of: told once to the crew.
import type { RecoveredScene } from '../../shared/capture';
import { formatElapsedSeconds } from '../format';
import { callMagnum } from '../shell/call';
import { SCENE_LABELS } from './store';
import { showNotice } from '../shell/notices';

export function recoveryMessage(scene: RecoveredScene): string {
  const seconds = Math.max(scene.camera1Duration ?? 0, scene.camera2Duration ?? 0);
  const what = `the ${SCENE_LABELS[scene.sceneType].toLowerCase()} scene of ${scene.passengerNames}’s flight`;
  return seconds > 0
    ? `The kiosk closed while recording ${what}. ${formatElapsedSeconds(seconds)} of footage was saved; check it, and record the scene again if it is too short.`
    : `The kiosk closed while recording ${what}, and no footage reached the disk. Record the scene again.`;
}

/** Shows each recovered scene once, then tells main they were seen. */
export async function announceRecoveries(): Promise<void> {
  const result = await callMagnum((magnum) => magnum.capture.recoveries({}));
  if (!result.ok || result.value.length === 0) return;
  for (const scene of result.value) showNotice({ level: 'warning', message: recoveryMessage(scene) });
  await callMagnum((magnum) =>
    magnum.capture.acknowledgeRecoveries({ sceneIds: result.value.map((scene) => scene.sceneId) }),
  );
}
