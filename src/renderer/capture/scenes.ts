// What a scene's state means to the crew filming it.
import type { SceneView } from '../../shared/capture';
import { formatElapsedSeconds } from '../format';

/** The scene has footage on disk: filmed, or saved again after the kiosk stopped mid-take. */
export const isRecorded = (scene: SceneView) => scene.status === 'recorded' || scene.status === 'recovered';

/** One line under the scene's name: "Filmed · 1:23", "Not filmed yet"… */
export function sceneSummary(scene: SceneView): string {
  if (scene.status === 'recording') return 'Recording';
  if (scene.status === 'failed') return 'Failed — record again';
  if (!isRecorded(scene)) return 'Not filmed yet';
  const seconds = Math.max(scene.camera1Duration ?? 0, scene.camera2Duration ?? 0);
  return `${scene.status === 'recovered' ? 'Recovered' : 'Filmed'} · ${formatElapsedSeconds(seconds)}`;
}
