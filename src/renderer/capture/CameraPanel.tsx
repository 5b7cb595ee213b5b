// One camera on the capture screen: its live picture (or the scene's footage when watching it back), its name,
// and while a take runs what it is writing; the countdown shows over it.
import type { CameraNumber, SceneView } from '../../shared/capture';
import { StreamVideo } from '../components/StreamVideo';
import { formatBytes, formatElapsedSeconds } from '../format';
import { cameraName, useCaptureStore } from './store';

interface CameraPanelProps {
  camera: CameraNumber;
  /** The scene being filmed or watched. */
  scene: SceneView;
  watching: boolean;
}

export function CameraPanel({ camera, scene, watching }: CameraPanelProps) {
  const { matches, feeds, progress, phase, countdown } = useCaptureStore();
  const match = matches.find((m) => m.camera === camera);
  const source = camera === 1 ? scene.camera1Source : scene.camera2Source;
  const status = progress.find((p) => p.camera === camera);
  const url = camera === 1 ? scene.camera1Url : scene.camera2Url;
  return (
    <figure className="camera-panel" data-camera={camera}>
      {watching ? (
        url ? (
          <video
            className="stream-video"
            src={url}
            controls
            playsInline
            aria-label={`${cameraName(camera, source)} footage`}
          />
        ) : (
          <p className="camera-empty">No footage from this camera.</p>
        )
      ) : match && !feeds[match.camera]?.active && phase === 'idle' ? (
        <p className="camera-empty">No picture from this camera.</p>
      ) : (
        <StreamVideo
          stream={match ? feeds[match.camera] : null}
          label={`${cameraName(camera, source)} live`}
        />
      )}
      <figcaption className="camera-caption">
        <strong>{cameraName(camera, source)}</strong>
        {status && phase !== 'idle' && (
          <span
            className={`chip ${status.state === 'lost' ? 'chip-bad' : status.state === 'recording' ? 'chip-rec' : ''}`}
          >
            {status.state === 'recording'
              ? '● REC'
              : status.state === 'lost'
                ? `Lost at ${formatElapsedSeconds(status.lostAtSeconds ?? 0)}`
                : status.state === 'starting'
                  ? 'Starting'
                  : 'Stopped'}
          </span>
        )}
        {status && phase !== 'idle' && (
          <span className="camera-stats" aria-label={`Camera ${camera} status`}>
            {status.width}×{status.height} · {status.frameRate} fps · {formatBytes(status.bytesWritten)} saved
          </span>
        )}
      </figcaption>
      {phase === 'countdown' && (
        <div className="countdown" aria-live="assertive">
          {countdown}
        </div>
      )}
    </figure>
  );
}
