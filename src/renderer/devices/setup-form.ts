// The camera setup screen's form as plain data: the choices offered, what a tap on a tile changes, which
// configured cameras are not plugged in, and what stops a save. No DOM here, so it is tested directly.
import type { CameraAssignment, CameraSetup } from '../../shared/devices';
import type { CameraNumber } from '../../shared/capture';
import { matchCameras, type CameraMatch, type VideoInput } from './devices';
import { cameraName, notConnectedText, sameNameText } from './camera-problems';

/** Exactly what `devices.save` takes. */
export type CameraForm = Omit<CameraSetup, 'id' | 'updatedAt'>;

export interface Resolution {
  width: number;
  height: number;
  /** A word for people who do not think in pixels. */
  name: string | null;
}

export const RESOLUTIONS: readonly Resolution[] = [
  { width: 854, height: 480, name: 'Small' },
  { width: 1280, height: 720, name: 'HD' },
  { width: 1920, height: 1080, name: 'Full HD' },
];
export const FRAME_RATES: readonly number[] = [24, 25, 30, 60];
export const BITRATES: readonly number[] = [2_000_000, 4_000_000, 6_000_000, 8_000_000];

/** Live previews cost CPU on a small kiosk PC: never more than this many at once. */
export const MAX_PREVIEWS = 4;

const key = (camera: CameraNumber) => (camera === 1 ? 'camera1' : 'camera2');
const other = (camera: CameraNumber): CameraNumber => (camera === 1 ? 2 : 1);

/** Resolutions on offer, plus the saved one when it is something else (saved through another route). */
export function resolutionChoices(form: Pick<CameraForm, 'width' | 'height'>): Resolution[] {
  const known = RESOLUTIONS.some((r) => r.width === form.width && r.height === form.height);
  const all = known
    ? [...RESOLUTIONS]
    : [...RESOLUTIONS, { width: form.width, height: form.height, name: null }];
  return all.sort((a, b) => a.width * a.height - b.width * b.height);
}

/** The offered numbers, plus the current one when it is not among them, smallest first. */
export function numberChoices(offered: readonly number[], current: number): number[] {
  return (offered.includes(current) ? [...offered] : [...offered, current]).sort((a, b) => a - b);
}

export function formatBitrate(bitsPerSecond: number): string {
  return `${Math.round(bitsPerSecond / 100_000) / 10} Mbit/s`;
}

/** Disk used by one camera recording for an hour at this bitrate, in GB, one decimal. */
export function gigabytesPerHour(bitsPerSecond: number): number {
  return Math.round((bitsPerSecond * 3600) / 8 / 1e8) / 10;
}

/** What the button that makes a device this camera says: "Camera 1 — front". */
export function roleButtonText(camera: CameraNumber, form: CameraForm): string {
  const source = form[key(camera)].source.trim();
  return source ? `Camera ${camera} — ${source}` : `Camera ${camera}`;
}

/**
 * The form for a saved setup and the inputs plugged in now. A camera with no device saved shows the device
 * capture would use (the first free one); a saved device that is missing stays as it is, so the screen can
 * name it rather than quietly swapping front and rear.
 */
export function formFromSetup(setup: CameraSetup, inputs: readonly VideoInput[]): CameraForm {
  const [first, second] = matchCameras(setup, inputs);
  const assignment = ({ device, assignment }: typeof first): CameraAssignment => ({
    deviceId: device?.deviceId ?? assignment.deviceId,
    label: device?.label ?? assignment.label,
    source: assignment.source,
  });
  return {
    camera1: assignment(first),
    camera2: assignment(second),
    width: setup.width,
    height: setup.height,
    frameRate: setup.frameRate,
    bitrate: setup.bitrate,
  };
}

/** Which camera a device is in the form, or null. */
export function cameraOfDevice(form: CameraForm, deviceId: string): CameraNumber | null {
  if (form.camera1.deviceId === deviceId) return 1;
  if (form.camera2.deviceId === deviceId) return 2;
  return null;
}

/**
 * Makes `device` camera `camera`. If it was the other camera, the two swap, so one tap fixes front and rear
 * being the wrong way round; a device that is no longer plugged in is not swapped in (the other camera is
 * left unchosen instead). What each camera films stays with the camera number.
 */
export function assignCamera(
  form: CameraForm,
  camera: CameraNumber,
  device: VideoInput,
  inputs: readonly VideoInput[],
): CameraForm {
  const mine = form[key(camera)];
  const theirs = form[key(other(camera))];
  const next: CameraForm = {
    ...form,
    [key(camera)]: { ...mine, deviceId: device.deviceId, label: device.label },
  };
  if (theirs.deviceId === device.deviceId) {
    const previous = inputs.find((input) => input.deviceId === mine.deviceId) ?? null;
    next[key(other(camera))] = {
      ...theirs,
      deviceId: previous?.deviceId ?? null,
      label: previous?.label ?? null,
    };
  }
  return next;
}

export function setSource(form: CameraForm, camera: CameraNumber, source: string): CameraForm {
  return { ...form, [key(camera)]: { ...form[key(camera)], source } };
}

export interface MissingCamera {
  camera: CameraNumber;
  /** What the device was called when it was chosen; null if it had no name. */
  label: string | null;
  /** Cameras plugged in carry its saved name but cannot be told apart, rather than none carrying it. */
  sameName: boolean;
  message: string;
}

/**
 * Cameras in the form whose device is not plugged in now, each with the sentence that says so: not connected,
 * or (two cameras of one model) plugged in but not to be told apart by name.
 */
export function missingCameras(form: CameraForm, inputs: readonly VideoInput[]): MissingCamera[] {
  return ([1, 2] as const).flatMap((camera) => {
    const { deviceId, label, source } = form[key(camera)];
    if (!deviceId || inputs.some((input) => input.deviceId === deviceId)) return [];
    const name = cameraName(camera, source);
    const alike = label
      ? inputs.filter((input) => input.label.trim() === label.trim() && !cameraOfDevice(form, input.deviceId))
      : [];
    return [
      label && alike.length > 0
        ? { camera, label, sameName: true, message: sameNameText(name, label, alike.length) }
        : { camera, label, sameName: false, message: notConnectedText(name, label) },
    ];
  });
}

export interface CameraFinding {
  text: string;
  /** Found by name under a new id: "Save this" keeps the new id, so the next start finds it by id. */
  keep: boolean;
}

/**
 * How the device the form gives `camera` was found, for its tile: by the saved id, by name (the browser gave
 * it a new id), as the first free camera, or chosen on this screen and not saved yet. Null with no device.
 */
export function cameraFinding(
  camera: CameraNumber,
  form: CameraForm,
  match: CameraMatch | undefined,
): CameraFinding | null {
  const { deviceId } = form[key(camera)];
  if (!deviceId) return null;
  if (match?.device?.deviceId !== deviceId) return { text: 'Chosen here, not saved yet', keep: false };
  if (match.foundBy === 'id') return { text: 'Found by its saved id', keep: false };
  if (match.foundBy === 'name') return { text: 'Found by name: its id changed', keep: true };
  if (match.foundBy === 'first free') return { text: 'First free, not saved', keep: false };
  return { text: 'Picked on the filming screen, not saved yet', keep: true };
}

/** Why the form cannot be saved as it is, in words the admin can act on; null when it can. */
export function saveProblem(form: CameraForm): string | null {
  const { camera1, camera2 } = form;
  if (camera1.deviceId && camera1.deviceId === camera2.deviceId) {
    const named = camera1.label ? `“${camera1.label}”` : 'the same device';
    return `Camera 1 and camera 2 are both ${named}. Choose a different device for one of them.`;
  }
  for (const camera of [1, 2] as const) {
    if (!form[key(camera)].source.trim())
      return `Say what camera ${camera} films, for example ${camera === 1 ? 'front' : 'rear'}.`;
  }
  if (camera1.source.trim().toLowerCase() === camera2.source.trim().toLowerCase())
    return `Both cameras are called “${camera1.source.trim()}”. Give them different names so the footage can be told apart.`;
  return null;
}

/** True when the form says something the saved setup does not. */
export function formChanged(form: CameraForm, saved: CameraSetup): boolean {
  const same = (a: CameraAssignment, b: CameraAssignment) =>
    a.deviceId === b.deviceId && a.source.trim() === b.source.trim();
  return (
    !same(form.camera1, saved.camera1) ||
    !same(form.camera2, saved.camera2) ||
    form.width !== saved.width ||
    form.height !== saved.height ||
    form.frameRate !== saved.frameRate ||
    form.bitrate !== saved.bitrate
  );
}

/** The form as `devices.save` wants it: names trimmed. */
export function formToSave(form: CameraForm): CameraForm {
  const trim = (a: CameraAssignment): CameraAssignment => ({ ...a, source: a.source.trim() });
  return { ...form, camera1: trim(form.camera1), camera2: trim(form.camera2) };
}

/**
 * Which inputs get a live preview: the two cameras first, then one the admin asked to see, then the rest in
 * order, up to MAX_PREVIEWS.
 */
export function previewedDevices(
  form: CameraForm,
  inputs: readonly VideoInput[],
  requested: string | null,
  max = MAX_PREVIEWS,
): Set<string> {
  const present = new Set(inputs.map((input) => input.deviceId));
  const order = [form.camera1.deviceId, form.camera2.deviceId, requested, ...inputs.map((i) => i.deviceId)];
  const chosen = new Set<string>();
  for (const deviceId of order) {
    if (chosen.size >= max) break;
    if (deviceId && present.has(deviceId)) chosen.add(deviceId);
  }
  return chosen;
}
