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

export interface CameraMatch {
  camera: CameraNumber;
  assignment: CameraAssignment;
  /** The device to open, or null when the configured one is missing and nothing can stand in. */
  device: VideoInput | null;
  /** The setup names a device that is not plugged in now. */
  missing: boolean;
}

/**
 * Which device each camera uses now. A configured device that is present is used; a setup with no device
 * chosen takes the first free inputs in order (a fresh kiosk works out of the box); a configured device that
 * is missing is reported missing, not silently swapped for another camera (front and rear would be mixed up).
 */
export function matchCameras(setup: CameraSetup, inputs: readonly VideoInput[]): [CameraMatch, CameraMatch] {
  const taken = new Set<string>();
  const configured = (assignment: CameraAssignment) =>
    assignment.deviceId ? (inputs.find((input) => input.deviceId === assignment.deviceId) ?? null) : null;
  const first = configured(setup.camera1);
  const second = configured(setup.camera2);
  if (first) taken.add(first.deviceId);
  if (second) taken.add(second.deviceId);
  const pick = (assignment: CameraAssignment, found: VideoInput | null): VideoInput | null => {
    if (found || assignment.deviceId) return found;
    const free = inputs.find((input) => !taken.has(input.deviceId)) ?? null;
    if (free) taken.add(free.deviceId);
    return free;
  };
  const device1 = pick(setup.camera1, first);
  const device2 = pick(setup.camera2, second);
  return [
    { camera: 1, assignment: setup.camera1, device: device1, missing: !!setup.camera1.deviceId && !first },
    { camera: 2, assignment: setup.camera2, device: device2, missing: !!setup.camera2.deviceId && !second },
  ];
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
