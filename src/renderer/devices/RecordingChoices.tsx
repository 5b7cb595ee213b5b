// What each camera films, and the picture size, frame rate and quality new scenes record at.
import { useState, type ReactNode } from 'react';
import { TextField } from '../components/TextField';
import {
  BITRATES,
  formatBitrate,
  FRAME_RATES,
  gigabytesPerHour,
  numberChoices,
  resolutionChoices,
  type CameraForm,
} from './setup-form';
import { cameraName } from './camera-problems';
import { useCamerasStore } from './store';

/**
 * One line saying what each camera films and how new scenes record, which opens into the choices: they are
 * set once and rarely changed, and closed they leave the cameras and Save on one kiosk screen.
 */
export function RecordingChoices({ form }: { form: CameraForm }) {
  const { rename, choose } = useCamerasStore();
  const [open, setOpen] = useState(false);
  const size = resolutionChoices(form).find((r) => r.width === form.width && r.height === form.height);
  return (
    <section className="camera-choices" aria-label="How new scenes record">
      <div className="camera-choices-summary">
        <p>
          <strong>
            {cameraName(1, form.camera1.source)} and {cameraName(2, form.camera2.source)}
          </strong>{' '}
          record at {form.width} × {form.height}
          {size?.name ? ` (${size.name})` : ''}, {form.frameRate} fps, {formatBitrate(form.bitrate)} (
          {gigabytesPerHour(form.bitrate)} GB an hour each).
        </p>
        <button
          type="button"
          className="button"
          aria-expanded={open}
          onClick={() => setOpen((shown) => !shown)}
        >
          {open ? 'Hide these choices' : 'Change names or quality'}
        </button>
      </div>

      {open && (
        <>
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
            Higher quality looks sharper and fills the disk faster. The disk space shown is for one camera;
            both together use twice that.
          </p>
        </>
      )}
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
