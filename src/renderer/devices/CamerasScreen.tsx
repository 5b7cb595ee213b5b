// Admin: which plugged-in camera is camera 1 and camera 2, what each films, and the size, frame rate and
// quality new scenes record at. Saving makes it the active setup.
import { useEffect } from 'react';
import { matchCameras } from './devices';
import {
  formChanged,
  missingCameras,
  roleButtonText,
  saveProblem,
  type CameraForm,
  type MissingCamera,
} from './setup-form';
import { DeviceGrid } from './DeviceGrid';
import { RecordingChoices } from './RecordingChoices';
import { ErrorPanel } from '../components/ErrorPanel';
import { navigate } from '../shell/route';
import { useCamerasStore } from './store';
import './cameras.css';

export function CamerasScreen() {
  const { saved, form, inputs, accessBlocked, error, saving, justSaved, load, refreshInputs, save } =
    useCamerasStore();
  const watchDevices = useCamerasStore((state) => state.watchDevices);
  useEffect(() => {
    void load();
    return watchDevices();
  }, [load, watchDevices]);

  const problem = form ? saveProblem(form) : null;
  const changed = !!form && !!saved && formChanged(form, saved);
  const missing = form && inputs ? missingCameras(form, inputs) : [];
  const matches = saved && inputs ? matchCameras(saved, inputs) : [];
  return (
    <div className="admin-screen cameras-screen">
      <div className="cameras-heading">
        <div className="screen-heading">
          <h1>Cameras</h1>
          <div className="heading-actions">
            <button type="button" className="button" onClick={() => navigate('settings')}>
              ← Settings
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={!form || !changed || !!problem || saving}
              onClick={() => void save()}
            >
              {saving ? 'Saving…' : 'Save camera setup'}
            </button>
          </div>
        </div>
        {form && (
          <p className="cameras-save-state" role="status">
            {problem ? (
              <span className="inline-error">{problem}</span>
            ) : justSaved ? (
              <span className="inline-ok">✓ Saved. New scenes record with this setup.</span>
            ) : changed ? (
              <span className="cameras-unsaved">
                Not saved yet: tap “Save camera setup” to use these choices.
              </span>
            ) : (
              <span>This is the setup in use.</span>
            )}
          </p>
        )}
      </div>

      {error && (
        <ErrorPanel
          title={form ? 'That did not work' : 'The camera setup could not be read'}
          error={error}
          onAction={form ? undefined : () => void load()}
        />
      )}
      {form && missing.length > 0 && <NotConnected form={form} missing={missing} />}
      {inputs === null && <p className="lead">Looking for cameras…</p>}
      {inputs?.length === 0 && (
        <NoCameras accessBlocked={accessBlocked} onRetry={() => void refreshInputs()} />
      )}
      {form && inputs && inputs.length > 0 && <DeviceGrid form={form} inputs={inputs} matches={matches} />}
      {form && <RecordingChoices form={form} />}
    </div>
  );
}

function NotConnected({ form, missing }: { form: CameraForm; missing: MissingCamera[] }) {
  const buttons = missing.map((camera) => `“${roleButtonText(camera.camera, form)}”`).join(' and ');
  const unplugged = missing.filter((camera) => !camera.sameName).length;
  const title =
    unplugged === 0
      ? 'Say which camera is which'
      : unplugged === 1
        ? 'A camera is not connected'
        : 'Neither camera is connected';
  const them = missing.length === 1 ? 'it' : 'them';
  return (
    <section className="camera-warning" role="alert" aria-label="Cameras not connected">
      <h2>{title}</h2>
      <ul>
        {missing.map((camera) => (
          <li key={camera.camera}>{camera.message}</li>
        ))}
      </ul>
      <p>
        {unplugged > 0 ? `Plug ${them} back in, or tap` : 'Tap'} {buttons} on the camera below that is {them},
        then save.
      </p>
    </section>
  );
}

function NoCameras({ accessBlocked, onRetry }: { accessBlocked: boolean; onRetry(): void }) {
  return (
    <section className="camera-warning" role="alert">
      <h2>{accessBlocked ? 'Camera access is not allowed' : 'No cameras found'}</h2>
      {accessBlocked ? (
        <p>
          This browser has not been allowed to use the cameras. Allow camera access for this page (the camera
          sign in the address bar), then tap “Look again”.
        </p>
      ) : (
        <p>
          Plug both cameras into the kiosk. They appear here by themselves once they are connected. In a web
          browser, allow camera access when it asks.
        </p>
      )}
      <button type="button" className="button button-primary" onClick={onRetry}>
        Look again
      </button>
    </section>
  );
}
