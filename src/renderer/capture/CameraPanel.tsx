// One camera on the capture screen: its live picture (or the scene's footage when watching it back), its name,
// and while a take runs what it is writing; the countdown shows over it. A camera that stopped sending pictures
// says so in place of its picture, with the one button that gets it back.
import type { CameraNumber, SceneView } from '../../shared/capture';
import { StreamVideo } from '../components/StreamVideo';
import { formatBytes, formatElapsedSeconds } from '../format';
import { cameraName, useCaptureStore } from './store';
import { getBackLabel } from './take-messages';

interface CameraPanelProps {
  camera: CameraNumber;
  /** The scene being filmed or watched. */
  scene: SceneView;
  watching: boolean;
}

export function CameraPanel({ camera, scene, watching }: CameraPanelProps) {
  const { matches, feeds, progress, phase, countdown, stoppedFeeds, gettingBack, getCameraBack } =
    useCaptureStore();
  const match = matches.find((m) => m.camera === camera);
  const source = camera === 1 ? scene.camera1Source : scene.camera2Source;
  const status = progress.find((p) => p.camera === camera);
  const url = camera === 1 ? scene.camera1Url : scene.camera2Url;
  const name = cameraName(camera, source);
  // In a take: lost and not back. At idle: an open feed whose pictures stopped.
  const lostInTake = phase === 'recording' && status?.state === 'lost';
  const feed = feeds[camera];
  const stoppedAtIdle = phase === 'idle' && !!feed && (!!stoppedFeeds[camera] || !feed.active);
  return (
    <figure className="camera-panel" data-camera={camera}>
      <div className="camera-media">
        {watching ? (
          url ? (
            <video className="stream-video" src={url} controls playsInline aria-label={`${name} footage`} />
          ) : (
            <p className="camera-empty">No footage from this camera.</p>
          )
        ) : lostInTake || stoppedAtIdle ? (
          <div className="camera-stopped">
            <p>
              {lostInTake
                ? `No pictures since ${formatElapsedSeconds(status?.lostAtSeconds ?? 0)}.`
                : 'This camera stopped sending pictures.'}
            </p>
            <button
              type="button"
              className="button button-large button-get-back"
              disabled={gettingBack[camera]}
              onClick={() => void getCameraBack(camera)}
            >
              {gettingBack[camera] ? `Opening camera ${camera}…` : getBackLabel(camera)}
            </button>
          </div>
        ) : match && !feeds[match.camera]?.active && phase === 'idle' ? (
          <p className="camera-empty">No picture from this camera.</p>
        ) : (
          <StreamVideo stream={match ? feeds[match.camera] : null} label={`${name} live`} />
        )}
        {phase === 'countdown' && (
          <div className="countdown" aria-live="assertive">
            {countdown}
          </div>
        )}
      </div>
      <figcaption className="camera-caption">
        <strong>{name}</strong>
        {status && phase !== 'idle' && phase !== 'countdown' && (
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
        {status && phase !== 'idle' && phase !== 'countdown' && (
          <span className="camera-stats" aria-label={`Camera ${camera} status`}>
            {status.frameRate} fps · {formatBytes(status.bytesWritten)} saved
          </span>
        )}
      </figcaption>
    </figure>
  );
}
