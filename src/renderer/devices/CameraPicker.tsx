// Asks which plugged-in camera a missing camera is: a dialog with a large live picture of each camera it could
// be, where a tap on the picture chooses it. A dialog, so the filming screen's Start stays where it is.
import type { CameraSetup } from '../../shared/devices';
import type { VideoInput } from './devices';
import type { CameraProblem } from './camera-problems';
import { CameraTile } from './CameraTile';
import { Dialog } from '../components/Dialog';

interface CameraPickerProps {
  problem: CameraProblem;
  setup: Pick<CameraSetup, 'width' | 'height' | 'frameRate'>;
  /** How many live pictures may open (each costs CPU); the rest are offered without one. */
  maxPreviews: number;
  /** A pick is being saved: no second tap. */
  busy: boolean;
  /** What a choice does: a manager's is saved, a crew member's lasts on this screen. */
  outcome: string;
  onPick(device: VideoInput): void;
  onClose(): void;
}

export function CameraPicker(props: CameraPickerProps) {
  const { problem, setup, maxPreviews, busy, outcome, onPick, onClose } = props;
  const title = `Which camera is ${problem.name}?`;
  return (
    <Dialog title={title} onClose={onClose}>
      <div className="camera-picker" role="group" aria-label={title}>
        <p className="camera-picker-question">
          Tap the picture that shows what {problem.name} films. {outcome}
        </p>
        <div className="camera-picker-tiles">
          {problem.candidates.map((input, index) => (
            <button
              key={input.deviceId}
              type="button"
              className="tile-button camera-pick"
              disabled={busy}
              aria-label={`${input.label}: this is ${problem.name}`}
              onClick={() => onPick(input)}
            >
              {index < maxPreviews ? (
                <CameraTile deviceId={input.deviceId} setup={setup} label={input.label} />
              ) : (
                <span className="camera-tile">
                  <span className="camera-picture camera-picture-off">
                    No picture: too many cameras are open
                  </span>
                  <span className="camera-label">{input.label}</span>
                </span>
              )}
              <span className="camera-pick-action">This is {problem.name}</span>
            </button>
          ))}
        </div>
      </div>
    </Dialog>
  );
}
