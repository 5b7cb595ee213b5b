// The screen's side of the cameras: which video inputs exist, opening one with the setup's size and rate,
// matching the saved setup to what is plugged in, and which recording format to use.
import type { CameraAssignment, CameraSetup } from '../../shared/devices';
import type { CameraNumber } from '../../shared/capture';

export interface VideoInput {
  deviceId: string;
  /** Empty until the page has camera permission; then the device's own name. */
  label: string;
}

/** Without camera permission browsers hide labels, so ask once (and let go at once) before listing. */
export async function listVideoInputs(): Promise<VideoInput[]> {
  const media = navigator.mediaDevices;
  if (!media?.enumerateDevices) return [];
  let devices = await media.enumerateDevices();
  if (devices.some((device) => device.kind === 'videoinput' && !device.label)) {
    const probe = await media.getUserMedia({ video: true }).catch(() => null);
    probe?.getTracks().forEach((track) => track.stop());
    devices = await media.enumerateDevices();
  }
  return (
    devices
      // Without permission the browser lists cameras with empty ids: nothing that can be opened.
      .filter((device) => device.kind === 'videoinput' && device.deviceId !== '')
      .map((device, i) => ({ deviceId: device.deviceId, label: device.label || `Camera ${i + 1}` }))
  );
}

/** Calls back whenever a camera is plugged in or out; returns the unsubscribe. */
export function onDeviceChange(listener: () => void): () => void {
  const media = navigator.mediaDevices;
  if (!media?.addEventListener) return () => undefined;
  media.addEventListener('devicechange', listener);
  return () => media.removeEventListener('devicechange', listener);
}

/**
 * How a camera's device was found:
 * - `id`: the device id the setup saved (the same browser profile sees the same ids);
 * - `name`: the name the setup saved, when the id is not there (a reinstalled or reset kiosk is a new browser
 *   profile, and Chromium gives every camera a new id there);
 * - `picked`: chosen on the filming screen by the crew, who cannot save the setup (see camera-picks.ts);
 * - `first free`: the setup chose no device for this camera, so the first camera nobody else uses.
 */
export type FoundBy = 'id' | 'name' | 'picked' | 'first free';

export interface CameraMatch {
  camera: CameraNumber;
  assignment: CameraAssignment;
  /** The device to open, or null when the configured one is missing and nothing can stand in. */
  device: VideoInput | null;
  /** The setup chose a device for this camera and none plugged in is it, by id or by name. */
  missing: boolean;
  /** How `device` was found; null when there is no device. */
  foundBy: FoundBy | null;
  /**
   * Free cameras plugged in that carry this camera's saved name when that name cannot tell them apart (two
   * cameras of the same model): someone has to say which one it is. Empty otherwise.
   */
  sameName: VideoInput[];
}

/** Devices chosen for cameras on this screen, by device id (the crew's picks). */
export type CameraPicks = Partial<Record<CameraNumber, string>>;

const CAMERAS = [1, 2] as const;

/**
 * Which device each camera uses now, never one device for both cameras. In order: the saved device id; a
 * pick made on this screen; the saved name, but only when exactly one free camera carries it and the other
 * camera is not looking for the same name (two cameras of one model are never guessed: front and rear would
 * be mixed up); and, for a camera the setup chose nothing for, the first free camera (a fresh kiosk works out
 * of the box). A chosen camera found none of these ways is reported missing, never swapped for another.
 */
export function matchCameras(
  setup: CameraSetup,
  inputs: readonly VideoInput[],
  picks: CameraPicks = {},
): [CameraMatch, CameraMatch] {
  const assignment = (camera: CameraNumber) => (camera === 1 ? setup.camera1 : setup.camera2);
  const found = new Map<CameraNumber, { device: VideoInput; foundBy: FoundBy }>();
  const isFree = (input: VideoInput) =>
    ![...found.values()].some(({ device }) => device.deviceId === input.deviceId);
  const unfound = () => CAMERAS.filter((camera) => !found.has(camera));
  const take = (camera: CameraNumber, device: VideoInput | undefined, foundBy: FoundBy) => {
    if (device && isFree(device)) found.set(camera, { device, foundBy });
  };

  for (const camera of unfound()) {
    const { deviceId } = assignment(camera);
    if (deviceId)
      take(
        camera,
        inputs.find((input) => input.deviceId === deviceId),
        'id',
      );
  }
  for (const camera of unfound()) {
    const picked = picks[camera];
    if (picked)
      take(
        camera,
        inputs.find((input) => input.deviceId === picked),
        'picked',
      );
  }
  const sameName = new Map<CameraNumber, VideoInput[]>();
  for (const camera of unfound()) {
    const label = assignment(camera).label?.trim();
    if (!label) continue;
    const sought = unfound().filter((other) => assignment(other).label?.trim() === label);
    const candidates = inputs.filter((input) => input.label.trim() === label && isFree(input));
    if (candidates.length === 1 && sought.length === 1) take(camera, candidates[0], 'name');
    else if (candidates.length > 1 || (candidates.length === 1 && sought.length > 1))
      sameName.set(camera, candidates);
  }
  for (const camera of unfound()) {
    const { deviceId, label } = assignment(camera);
    if (!deviceId && !label) take(camera, inputs.find(isFree), 'first free');
  }

  const match = (camera: CameraNumber): CameraMatch => {
    const { deviceId, label } = assignment(camera);
    const device = found.get(camera);
    const alike = device ? [] : (sameName.get(camera) ?? []).filter(isFree);
    return {
      camera,
      assignment: assignment(camera),
      device: device?.device ?? null,
      missing: !device && alike.length === 0 && !!(deviceId || label),
      foundBy: device?.foundBy ?? null,
      sameName: alike,
    };
  };
  return [match(1), match(2)];
}

/** Opens one camera at the setup's size and frame rate (as near as the camera can; never audio). */
export function openCamera(
  deviceId: string,
  setup: Pick<CameraSetup, 'width' | 'height' | 'frameRate'>,
): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    audio: false,
    video: {
      deviceId: { exact: deviceId },
      width: { ideal: setup.width },
      height: { ideal: setup.height },
      frameRate: { ideal: setup.frameRate },
    },
  });
}

export function stopStream(stream: MediaStream | null | undefined): void {
  stream?.getTracks().forEach((track) => track.stop());
}

/**
 * Recording formats, cheapest to export first. H.264 in Matroska comes first: chunks arrive every timeslice
 * and export can decode it cheaply. MP4 is left out on purpose: Chromium's MP4 recorder only hands out data
 * at keyframes (seconds apart), which breaks "straight to disk". VP8 before VP9: far cheaper to decode.
 */
export const PREFERRED_MIME_TYPES = [
  'video/x-matroska;codecs=avc1',
  'video/webm;codecs=h264',
  'video/webm;codecs=vp8',
  'video/webm;codecs=vp9',
  'video/webm',
] as const;

export function pickMimeType(isSupported: (type: string) => boolean): string | null {
  return PREFERRED_MIME_TYPES.find((type) => isSupported(type)) ?? null;
}

/** What the camera actually delivers (it may not honour the ideal size or rate). */
export function trackSettings(stream: MediaStream): { width: number; height: number; frameRate: number } {
  const settings = stream.getVideoTracks()[0]?.getSettings() ?? {};
  return {
    width: settings.width ?? 0,
    height: settings.height ?? 0,
    frameRate: Math.round((settings.frameRate ?? 0) * 100) / 100,
  };
}
