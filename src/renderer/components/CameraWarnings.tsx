// Says which configured camera is missing, and why, and what can be done: tap the live picture of the camera
// it is (a manager's tap is saved into the setup, a crew member's lasts for this tab: see camera-picks.ts),
// plug it back in, or let a manager reassign the cameras.
import { useEffect, useState } from 'react';
import type { CameraNumber } from '../../shared/capture';
import { onDeviceChange, type VideoInput } from '../devices/devices';
import { cameraProblems, otherCameraText, pickedTexts } from '../devices/camera-problems';
import { forgetCameraPicks, rememberCameraPick, saveCameraPick } from '../devices/camera-picks';
import { MAX_PREVIEWS } from '../devices/setup-form';
import { CameraPicker } from '../devices/CameraPicker';
import { useCaptureStore } from '../capture/store';
import { navigate } from '../shell/route';
import { useSessionStore } from '../auth/session';

export function CameraWarnings() {
  const { matches, inputs, feeds, setup, camerasError, openCameras, phase } = useCaptureStore();
  const isAdmin = useSessionStore((state) => state.user?.role === 'admin');
  const [choosing, setChoosing] = useState(false);
  const [pickError, setPickError] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);

  // A camera plugged in or out: look again (not mid-take: the recording keeps the feeds it has).
  useEffect(() => onDeviceChange(() => void openCameras()), [openCameras]);

  const live = matches.filter((match) => feeds[match.camera]?.active).map((match) => match.camera);
  const problems = cameraProblems(matches, inputs);
  const picked = pickedTexts(matches);
  const other = otherCameraText(matches, live);
  // One question at a time: the first camera that could be one of the free cameras plugged in.
  const asking = phase === 'idle' && setup ? problems.find((problem) => problem.candidates.length > 0) : null;
  // The camera came back by itself (or a take started): the question is gone, and does not come back open.
  if (picking && !asking) setPicking(false);

  const pick = async (camera: CameraNumber, device: VideoInput) => {
    if (!setup) return;
    setChoosing(true);
    setPickError(null);
    if (isAdmin) {
      const saved = await saveCameraPick(setup, matches, camera, device);
      if (!saved.ok) {
        rememberCameraPick(setup, camera, device.deviceId);
        setPickError(
          `This choice could not be saved, so it is used on this screen only: ${saved.error.message}`,
        );
      }
    } else {
      rememberCameraPick(setup, camera, device.deviceId);
    }
    await openCameras();
    setChoosing(false);
    setPicking(false);
  };

  const chooseAgain = () => {
    forgetCameraPicks();
    void openCameras();
  };

  if (problems.length === 0 && !camerasError && picked.length === 0 && !pickError) return null;
  return (
    <>
      {(problems.length > 0 || camerasError || pickError) && (
        <section className="camera-warning camera-problems" role="alert" aria-label="Camera problems">
          {problems.map((problem) => (
            <p key={problem.camera}>
              <strong>{problem.text}</strong>
              {problems.length === 1 && other ? ` ${other}` : ''}
            </p>
          ))}
          {problems.length !== 1 && other && <p>{other}</p>}
          {camerasError && <p>{camerasError}</p>}
          {pickError && <p>{pickError}</p>}
          <div className="camera-warning-actions">
            {asking && (
              <button type="button" className="button button-primary" onClick={() => setPicking(true)}>
                Choose {asking.name}
              </button>
            )}
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
              <span className="hint">A manager can change the camera setup in Settings.</span>
            )}
          </div>
        </section>
      )}
      {asking && setup && picking && (
        <CameraPicker
          problem={asking}
          setup={setup}
          maxPreviews={Math.max(0, MAX_PREVIEWS - live.length)}
          busy={choosing}
          outcome={
            isAdmin
              ? 'Your choice is saved in the camera setup.'
              : 'Your choice is used on this screen until the camera setup is changed.'
          }
          onPick={(device) => void pick(asking.camera, device)}
          onClose={() => setPicking(false)}
        />
      )}
      {picked.length > 0 && (
        <section className="camera-note" aria-label="Cameras picked on this screen">
          {picked.map((text) => (
            <p key={text}>{text}</p>
          ))}
          <button type="button" className="button" disabled={phase !== 'idle'} onClick={chooseAgain}>
            Choose again
          </button>
        </section>
      )}
    </>
  );
}
