import { describe, expect, it } from 'vitest';
import type { CameraSetup } from '../../shared/devices';
import { matchCameras, pickMimeType } from './devices';

const setup = (camera1: string | null, camera2: string | null): CameraSetup => ({
  id: camera1 || camera2 ? 'setup' : null,
  camera1: { deviceId: camera1, label: camera1 ? `${camera1} label` : null, source: 'front' },
  camera2: { deviceId: camera2, label: camera2 ? `${camera2} label` : null, source: 'rear' },
  width: 1280,
  height: 720,
  frameRate: 30,
  bitrate: 4_000_000,
  updatedAt: null,
});
const inputs = [
  { deviceId: 'a', label: 'Cam A' },
  { deviceId: 'b', label: 'Cam B' },
];

describe('matching the camera setup to the plugged-in cameras', () => {
  it('uses the configured devices, whichever order they are listed in', () => {
    const [one, two] = matchCameras(setup('b', 'a'), inputs);
    expect(one.device?.deviceId).toBe('b');
    expect(two.device?.deviceId).toBe('a');
    expect(one.missing || two.missing).toBe(false);
  });

  it('takes the first two cameras in order on a kiosk nobody has set up', () => {
    const [one, two] = matchCameras(setup(null, null), inputs);
    expect([one.device?.deviceId, two.device?.deviceId]).toEqual(['a', 'b']);
  });

  it('reports a configured camera that is unplugged instead of filming the wrong side with another', () => {
    const [one, two] = matchCameras(setup('a', 'gone'), inputs);
    expect(one.device?.deviceId).toBe('a');
    expect(two).toMatchObject({ device: null, missing: true });
  });

  it('gives an unassigned camera a free device, never one already in use', () => {
    const [one, two] = matchCameras(setup(null, 'a'), inputs);
    expect(two.device?.deviceId).toBe('a');
    expect(one.device?.deviceId).toBe('b');
  });

  it('leaves a camera without a device when there is only one camera', () => {
    const [one, two] = matchCameras(setup(null, null), inputs.slice(0, 1));
    expect(one.device?.deviceId).toBe('a');
    expect(two).toMatchObject({ device: null, missing: false });
  });
});

describe('choosing the recording format', () => {
  it('prefers H.264 in Matroska, which is cheapest to export and arrives every timeslice', () => {
    expect(pickMimeType(() => true)).toBe('video/x-matroska;codecs=avc1');
  });

  it('falls back to VP8 before VP9 where H.264 cannot be recorded', () => {
    expect(pickMimeType((type) => type.includes('vp'))).toBe('video/webm;codecs=vp8');
  });

  it('never picks MP4 (Chromium hands MP4 data out only at keyframes)', () => {
    expect(pickMimeType((type) => type.startsWith('video/mp4'))).toBeNull();
  });
});
