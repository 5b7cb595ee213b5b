// Says which configured camera is missing or failed, and offers what can be done about it: a manager can
// reassign the cameras; anyone can look again after plugging a camera back in.
import { useEffect } from 'react';
import { onDeviceChange } from '../devices/devices';
import { cameraName, useCaptureStore } from '../capture/store';
import { navigate } from '../shell/route';
import { useSessionStore } from '../auth/session';

export function CameraWarnings() {
  const { matches, camerasError, openCameras, phase } = useCaptureStore();
  const isAdmin = useSessionStore((state) => state.user?.role === 'admin');

  // A camera plugged in or out: look again (not mid-take: the recording keeps the feeds it has).
  useEffect(() => onDeviceChange(() => void openCameras()), [openCameras]);

  const missing = matches.filter((match) => match.missing || !match.device);
  if (missing.length === 0 && !camerasError) return null;
  return (
    <section className="camera-warning" role="alert">
      {missing.map((match) => (
        <p key={match.camera}>
          <strong>{cameraName(match.camera, match.assignment.source)}</strong>
          {match.assignment.label ? ` — “${match.assignment.label}” —` : ''} is not connected.
          {match.camera === 2 || missing.length === 1 ? ' The other camera can still record.' : ''}
        </p>
      ))}
      {camerasError && <p>{camerasError}</p>}
      <div className="camera-warning-actions">
        <button
          type="button"
          className="button"
          disabled={phase !== 'idle'}
          onClick={() => void openCameras()}
        >
          Look for cameras again
        </button>
        {isAdmin ? (
          <button type="button" className="button" onClick={() => navigate('cameras')}>
            Reassign cameras
          </button>
        ) : (
          <span className="hint">A manager can reassign the cameras in Settings.</span>
        )}
      </div>
    </section>
  );
}
