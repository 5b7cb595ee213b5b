// What the crew calls the scenes and the cameras, on every screen that names them.
import type { CameraNumber, SceneView } from '../../shared/capture';

export const SCENE_LABELS: Record<SceneView['sceneType'], string> = {
  cruising: 'Cruising',
  chase: 'Chase',
  arrival: 'Arrival',
};

/** "Camera 2 (rear)", or "Camera 2" when the setup names no source. */
export const cameraName = (camera: CameraNumber, source: string | undefined) =>
  `Camera ${camera}${source ? ` (${source})` : ''}`;
