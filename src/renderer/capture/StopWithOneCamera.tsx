// Stop pressed while a camera that dropped out is not back: saving now leaves the rest of the scene with one
// angle, so the crew chooses — get the camera back and go on, save as it is, or keep filming.
import type { CameraNumber } from '../../shared/capture';
import { formatElapsedSeconds } from '../format';
import { cameraName, useCaptureStore } from './store';
import { getBackLabel } from './take-messages';

interface StopWithOneCameraProps {
  lost: CameraNumber[];
  sceneLabel: string;
  onKeepFilming(): void;
  onGetBack(camera: CameraNumber): void;
  onSave(): void;
}

export function StopWithOneCamera({
  lost,
  sceneLabel,
  onKeepFilming,
  onGetBack,
  onSave,
}: StopWithOneCameraProps) {
  const { matches, progress } = useCaptureStore();
  const source = (camera: CameraNumber) =>
    matches.find((match) => match.camera === camera)?.assignment.source;
  const recording = progress.filter((p) => p.state !== 'lost').map((p) => p.camera);
  const only = recording.map((camera) => `camera ${camera}`).join(' and ');
  const title = `Save with ${only} only?`;
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label={title}>
      <div className="dialog">
        <h2>{title}</h2>
        <div className="dialog-body">
          {lost.map((camera) => {
            const lostAt = progress.find((p) => p.camera === camera)?.lostAtSeconds ?? 0;
            return (
              <p key={camera}>
                {cameraName(camera, source(camera))} stopped sending pictures at{' '}
                {formatElapsedSeconds(lostAt)} and is not back. If you save now, {sceneLabel.toLowerCase()}{' '}
                has its footage up to then and one angle after that.
              </p>
            );
          })}
        </div>
        <div className="dialog-actions dialog-actions-wrap">
          <button type="button" className="button" onClick={onKeepFilming}>
            Keep filming
          </button>
          {lost.map((camera) => (
            <button key={camera} type="button" className="button" onClick={() => onGetBack(camera)}>
              {getBackLabel(camera)}
            </button>
          ))}
          <button type="button" className="button button-danger" onClick={onSave}>
            Save with {only} only
          </button>
        </div>
      </div>
    </div>
  );
}
