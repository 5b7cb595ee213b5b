// What a screen says about a camera it cannot use, in the crew's words: which camera, which device, what the
// other camera can still do, and which plugged-in cameras it could be. Plain data, so it is tested directly.
import type { CameraNumber } from '../../shared/capture';
import type { CameraMatch, VideoInput } from './devices';

/** "Camera 2 (rear)": the number and what it films, as the crew say it. */
export function cameraName(camera: CameraNumber, source: string | null | undefined): string {
  const films = source?.trim();
  return films ? `Camera ${camera} (${films})` : `Camera ${camera}`;
}

/** "Camera 2 (rear), “Logitech BRIO”, is not connected." */
export function notConnectedText(name: string, label: string | null): string {
  return `${name}, ${label ? `“${label}”` : 'the camera chosen in the setup'}, is not connected.`;
}

/** Said when a saved name fits more than one plugged-in camera (two of one model), so none is guessed. */
export function sameNameText(name: string, label: string, count: number): string {
  return count > 1
    ? `${name} cannot be told apart: ${count} cameras plugged in are called “${label}”.`
    : `${name} cannot be told apart: both cameras were saved as “${label}” and only one is plugged in.`;
}

export interface CameraProblem {
  camera: CameraNumber;
  /** The camera's name as the crew say it: "Camera 2 (rear)". */
  name: string;
  text: string;
  /** Plugged-in cameras nobody uses that it could be: shown as live previews to tap. */
  candidates: VideoInput[];
}

/** Plugged-in cameras neither camera uses. */
export function freeInputs(matches: readonly CameraMatch[], inputs: readonly VideoInput[]): VideoInput[] {
  const used = new Set(matches.map((match) => match.device?.deviceId));
  return inputs.filter((input) => !used.has(input.deviceId));
}

/** Each camera without a device: what is wrong, and which free cameras it could be. */
export function cameraProblems(
  matches: readonly CameraMatch[],
  inputs: readonly VideoInput[],
): CameraProblem[] {
  const free = freeInputs(matches, inputs);
  return matches
    .filter((match) => !match.device)
    .map(({ camera, assignment, missing, sameName }) => {
      const name = cameraName(camera, assignment.source);
      const label = assignment.label?.trim() || null;
      const text =
        sameName.length > 0 && label
          ? sameNameText(name, label, sameName.length)
          : missing
            ? notConnectedText(name, label)
            : `${name} has no camera: plug in ${inputs.length === 0 ? 'the cameras' : 'a second camera'}.`;
      return { camera, name, text, candidates: sameName.length > 0 ? sameName : free };
    });
}

/**
 * Whether the other camera can still record, said only when it can: one camera has a device and a live
 * picture. Null when both cameras work.
 */
export function otherCameraText(
  matches: readonly CameraMatch[],
  live: readonly CameraNumber[],
): string | null {
  const lacking = matches.filter((match) => !match.device);
  if (lacking.length === 0) return null;
  const working = matches.find((match) => match.device && live.includes(match.camera));
  return working
    ? `The other camera, ${cameraName(working.camera, working.assignment.source)}, can still record.`
    : 'Neither camera can record now.';
}

/** Cameras the crew picked on this screen, said so that nobody mistakes them for the saved setup. */
export function pickedTexts(matches: readonly CameraMatch[]): string[] {
  return matches
    .filter((match) => match.foundBy === 'picked' && match.device)
    .map(
      (match) =>
        `${cameraName(match.camera, match.assignment.source)} is “${match.device?.label}”, picked on this screen (not saved in the camera setup).`,
    );
}
