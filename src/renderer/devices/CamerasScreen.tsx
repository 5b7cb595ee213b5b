// Admin: which plugged-in camera is camera 1 and camera 2, what each films, and the size, frame rate and
// quality new scenes record at. Saving makes it the active setup.
import { useEffect, useState, type ReactNode } from 'react';
import type { CameraNumber } from '../../shared/capture';
import { trackSettings, type VideoInput } from './devices';
import {
  BITRATES,
  cameraOfDevice,
  formatBitrate,
  formChanged,
  FRAME_RATES,
  gigabytesPerHour,
  missingCameras,
  roleButtonText,
  numberChoices,
  previewedDevices,
  resolutionChoices,
  saveProblem,
  type CameraForm,
  type MissingCamera,
} from './setup-form';
import { CameraTile } from './CameraTile';
import { ErrorPanel } from '../components/ErrorPanel';
import { TextField } from '../components/TextField';
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
      {form && inputs && inputs.length > 0 && <DeviceGrid form={form} inputs={inputs} />}
      {form && <RecordingChoices form={form} />}
    </div>
  );
}

function NotConnected({ form, missing }: { form: CameraForm; missing: MissingCamera[] }) {
  const buttons = missing.map((camera) => `“${roleButtonText(camera.camera, form)}”`).join(' and ');
  return (
    <section className="camera-warning" role="alert" aria-label="Cameras not connected">
      <h2>{missing.length === 1 ? 'A camera is not connected' : 'Neither camera is connected'}</h2>
      <ul>
        {missing.map((camera) => (
          <li key={camera.camera}>{camera.message}</li>
        ))}
      </ul>
      <p>
        Plug {missing.length === 1 ? 'it' : 'them'} back in, or tap {buttons} on a camera below to use that
        one instead, then save.
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

function DeviceGrid({ form, inputs }: { form: CameraForm; inputs: VideoInput[] }) {
  const [requested, setRequested] = useState<string | null>(null);
  const [delivered, setDelivered] = useState<Record<string, string>>({});
  const previewed = previewedDevices(form, inputs, requested);
  const setup = { width: form.width, height: form.height, frameRate: form.frameRate };
  return (
    <section className="camera-grid" aria-label="Cameras plugged in">
      {inputs.map((input) => {
        const camera = cameraOfDevice(form, input.deviceId);
        return (
          <article
            key={input.deviceId}
            className={camera ? 'device-tile assigned' : 'device-tile'}
            aria-label={input.label}
          >
            {previewed.has(input.deviceId) ? (
              <CameraTile
                deviceId={input.deviceId}
                setup={setup}
                label={input.label}
                badge={camera ? roleButtonText(camera, form) : undefined}
                onStream={(stream) => {
                  const { width, height, frameRate } = trackSettings(stream);
                  const text = `Sends ${width} × ${height} at ${Math.round(frameRate)} fps`;
                  setDelivered((known) => ({ ...known, [input.deviceId]: text }));
                }}
              />
            ) : (
              <div className="camera-tile">
                <div className="camera-picture camera-picture-off">
                  <button type="button" className="button" onClick={() => setRequested(input.deviceId)}>
                    Show picture
                  </button>
                </div>
                <p className="camera-label">{input.label}</p>
              </div>
            )}
            <div className="device-side">
              {previewed.has(input.deviceId) && delivered[input.deviceId] && (
                <p className="device-delivers">{delivered[input.deviceId]}</p>
              )}
              <div className="device-roles" role="group" aria-label={`Use ${input.label} as`}>
                {([1, 2] as const).map((number) => (
                  <RoleButton
                    key={number}
                    camera={number}
                    input={input}
                    form={form}
                    pressed={camera === number}
                  />
                ))}
              </div>
            </div>
          </article>
        );
      })}
    </section>
  );
}

function RoleButton(props: { camera: CameraNumber; input: VideoInput; form: CameraForm; pressed: boolean }) {
  const { camera, input, form, pressed } = props;
  const assign = useCamerasStore((state) => state.assign);
  const source = form[camera === 1 ? 'camera1' : 'camera2'].source.trim();
  // Two lines, number over what it films, so the words never break mid-phrase in a narrow tile.
  return (
    <button
      type="button"
      className={pressed ? 'button device-role selected' : 'button device-role'}
      aria-pressed={pressed}
      aria-label={roleButtonText(camera, form)}
      onClick={() => assign(camera, input)}
    >
      <span className="device-role-number">
        {pressed && '✓ '}Camera {camera}
      </span>
      {source && <span className="device-role-source">{source}</span>}
    </button>
  );
}

function RecordingChoices({ form }: { form: CameraForm }) {
  const { rename, choose } = useCamerasStore();
  return (
    <section className="camera-choices" aria-label="How new scenes record">
      <h2>What each camera films</h2>
      <div className="camera-sources">
        {([1, 2] as const).map((camera) => (
          <TextField
            key={camera}
            label={`Camera ${camera} films`}
            value={form[camera === 1 ? 'camera1' : 'camera2'].source}
            maxLength={40}
            onChange={(source) => rename(camera, source)}
          />
        ))}
      </div>

      <h2>How new scenes record</h2>
      <Choice label="Picture size">
        {resolutionChoices(form).map(({ width, height, name }) => (
          <Segment
            key={`${width}x${height}`}
            selected={form.width === width && form.height === height}
            onSelect={() => choose({ width, height })}
            main={`${width} × ${height}`}
            detail={name}
          />
        ))}
      </Choice>
      <Choice label="Frame rate">
        {numberChoices(FRAME_RATES, form.frameRate).map((rate) => (
          <Segment
            key={rate}
            selected={form.frameRate === rate}
            onSelect={() => choose({ frameRate: rate })}
            main={`${rate} fps`}
          />
        ))}
      </Choice>
      <Choice label="Quality">
        {numberChoices(BITRATES, form.bitrate).map((bitrate) => (
          <Segment
            key={bitrate}
            selected={form.bitrate === bitrate}
            onSelect={() => choose({ bitrate })}
            main={formatBitrate(bitrate)}
            detail={`${gigabytesPerHour(bitrate)} GB an hour`}
          />
        ))}
      </Choice>
      <p className="camera-choice-hint">
        Higher quality looks sharper and fills the disk faster. The disk space shown is for one camera; both
        together use twice that.
      </p>
    </section>
  );
}

function Choice({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="camera-choice">
      <span className="camera-choice-label">{label}</span>
      <div className="segmented" role="radiogroup" aria-label={label}>
        {children}
      </div>
    </div>
  );
}

function Segment(props: { selected: boolean; onSelect(): void; main: string; detail?: string | null }) {
  const { selected, onSelect, main, detail } = props;
  return (
    <button
      type="button"
      role="radio"
      aria-checked={selected}
      className={selected ? 'segment selected' : 'segment'}
      onClick={onSelect}
    >
      <span className="segment-main">{main}</span>
      {detail && <span className="segment-detail">{detail}</span>}
    </button>
  );
}
