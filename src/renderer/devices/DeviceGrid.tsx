// Every camera plugged in, each with its picture (on request, so a screen never opens more cameras than it
// must), how the camera it is was found, and the buttons that make it camera 1 or camera 2.
import { useState } from 'react';
import type { CameraNumber } from '../../shared/capture';
import { CameraTile } from './CameraTile';
import { trackSettings, type CameraMatch, type VideoInput } from './devices';
import {
  cameraFinding,
  cameraOfDevice,
  previewedDevices,
  roleButtonText,
  type CameraForm,
} from './setup-form';
import { useCamerasStore } from './store';

interface DeviceGridProps {
  form: CameraForm;
  inputs: VideoInput[];
  /** The saved setup matched to the inputs: how each camera was found. */
  matches: readonly CameraMatch[];
}

export function DeviceGrid({ form, inputs, matches }: DeviceGridProps) {
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
            {previewed.has(input.deviceId) && delivered[input.deviceId] && (
              <p className="device-delivers">{delivered[input.deviceId]}</p>
            )}
            {camera && <Finding camera={camera} form={form} match={matches[camera - 1]} />}
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
          </article>
        );
      })}
    </section>
  );
}

/** How the camera on this tile was found; "Save this" keeps a camera found by name under its new id. */
function Finding(props: { camera: CameraNumber; form: CameraForm; match: CameraMatch | undefined }) {
  const { camera, form, match } = props;
  const { keepFound, saving } = useCamerasStore();
  const finding = cameraFinding(camera, form, match);
  if (!finding) return null;
  return (
    <div className={finding.keep ? 'device-finding device-finding-keep' : 'device-finding'}>
      <p>{finding.text}</p>
      {finding.keep && (
        <button
          type="button"
          className="button button-primary"
          disabled={saving}
          onClick={() => void keepFound(camera)}
        >
          Save this
        </button>
      )}
    </div>
  );
}

function RoleButton(props: { camera: CameraNumber; input: VideoInput; form: CameraForm; pressed: boolean }) {
  const { camera, input, form, pressed } = props;
  const assign = useCamerasStore((state) => state.assign);
  const source = form[camera === 1 ? 'camera1' : 'camera2'].source.trim();
  // Two lines, number over what it films (with the tick when chosen), so the words never break mid-phrase
  // in a narrow tile and two buttons fit side by side.
  return (
    <button
      type="button"
      className={pressed ? 'button device-role selected' : 'button device-role'}
      aria-pressed={pressed}
      aria-label={roleButtonText(camera, form)}
      onClick={() => assign(camera, input)}
    >
      <span className="device-role-number">Camera {camera}</span>
      {(source || pressed) && (
        <span className="device-role-source">
          {pressed && '✓ '}
          {source}
        </span>
      )}
    </button>
  );
}
