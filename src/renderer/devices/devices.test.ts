import { describe, expect, it } from 'vitest';
import type { CameraSetup } from '../../shared/devices';
import { matchCameras, pickMimeType, type VideoInput } from './devices';

type Saved = { deviceId: string | null; label: string | null } | null;

/** A saved setup; a camera given as a string is saved by that id with the label "<id> label". */
const setup = (camera1: string | Saved, camera2: string | Saved): CameraSetup => {
  const saved = (camera: string | Saved) =>
    typeof camera === 'string'
      ? { deviceId: camera, label: `${camera} label` }
      : (camera ?? { deviceId: null, label: null });
  return {
    id: camera1 || camera2 ? 'setup' : null,
    camera1: { ...saved(camera1), source: 'front' },
    camera2: { ...saved(camera2), source: 'rear' },
    width: 1280,
    height: 720,
    frameRate: 30,
    bitrate: 4_000_000,
    updatedAt: null,
  };
};
const inputs = [
  { deviceId: 'a', label: 'Cam A' },
  { deviceId: 'b', label: 'Cam B' },
];
/** The same two cameras as a new browser profile lists them: same names, other ids. */
const newProfile: VideoInput[] = [
  { deviceId: 'x1', label: 'Cam A' },
  { deviceId: 'x2', label: 'Cam B' },
];
const ids = (matches: ReturnType<typeof matchCameras>) => matches.map((m) => m.device?.deviceId ?? null);

describe('matching the camera setup to the plugged-in cameras', () => {
  it('uses the configured devices by id, whichever order they are listed in', () => {
    const matches = matchCameras(setup('b', 'a'), inputs);
    expect(ids(matches)).toEqual(['b', 'a']);
    expect(matches.map((m) => m.foundBy)).toEqual(['id', 'id']);
    expect(matches.some((m) => m.missing)).toBe(false);
  });

  it('finds both cameras by name when a new browser profile gave them other ids', () => {
    const saved = setup({ deviceId: 'a', label: 'Cam A' }, { deviceId: 'b', label: 'Cam B' });
    const matches = matchCameras(saved, [...newProfile].reverse());
    expect(ids(matches)).toEqual(['x1', 'x2']);
    expect(matches.map((m) => m.foundBy)).toEqual(['name', 'name']);
    expect(matches.some((m) => m.missing)).toBe(false);
  });

  it('prefers the saved id over another camera that carries the same name', () => {
    const saved = setup({ deviceId: 'b', label: 'Cam A' }, null);
    const [one] = matchCameras(saved, inputs);
    expect(one).toMatchObject({ device: { deviceId: 'b' }, foundBy: 'id' });
  });

  it('does not guess between two free cameras of the same model, and lists both to ask', () => {
    const saved = setup({ deviceId: 'old-1', label: 'BRIO' }, { deviceId: 'old-2', label: 'Cam B' });
    const twins = [
      { deviceId: 'n1', label: 'BRIO' },
      { deviceId: 'n2', label: 'BRIO' },
      { deviceId: 'n3', label: 'Cam B' },
    ];
    const [one, two] = matchCameras(saved, twins);
    expect(one).toMatchObject({ device: null, foundBy: null, missing: false });
    expect(one.sameName.map((input) => input.deviceId)).toEqual(['n1', 'n2']);
    expect(two).toMatchObject({ device: { deviceId: 'n3' }, foundBy: 'name' });
  });

  it('does not guess which of two cameras saved under one name a lone camera of that name is', () => {
    const saved = setup({ deviceId: 'old-1', label: 'BRIO' }, { deviceId: 'old-2', label: 'BRIO' });
    const matches = matchCameras(saved, [{ deviceId: 'n1', label: 'BRIO' }]);
    expect(ids(matches)).toEqual([null, null]);
    expect(matches.map((m) => m.sameName.map((input) => input.deviceId))).toEqual([['n1'], ['n1']]);
  });

  it('gives the last camera of a model to the camera still looking for it when the other was found by id', () => {
    const saved = setup({ deviceId: 'n1', label: 'BRIO' }, { deviceId: 'old-2', label: 'BRIO' });
    const twins = [
      { deviceId: 'n1', label: 'BRIO' },
      { deviceId: 'n2', label: 'BRIO' },
    ];
    const matches = matchCameras(saved, twins);
    expect(ids(matches)).toEqual(['n1', 'n2']);
    expect(matches.map((m) => m.foundBy)).toEqual(['id', 'name']);
  });

  it('never gives one device to both cameras, even when the setup names it twice', () => {
    const saved = setup({ deviceId: 'a', label: 'Cam A' }, { deviceId: 'a', label: 'Cam A' });
    const matches = matchCameras(saved, inputs);
    expect(ids(matches)).toEqual(['a', null]);
    expect(matches[1]).toMatchObject({ missing: true, foundBy: null });
  });

  it('never lends a camera found by name to a camera that was not chosen', () => {
    const saved = setup({ deviceId: 'old', label: 'Cam B' }, null);
    const matches = matchCameras(saved, inputs);
    expect(ids(matches)).toEqual(['b', 'a']);
    expect(matches.map((m) => m.foundBy)).toEqual(['name', 'first free']);
  });

  it('uses a pick made on this screen for a camera that cannot be found, and keeps the saved id first', () => {
    const saved = setup({ deviceId: 'gone', label: 'USB Cam X' }, 'a');
    const matches = matchCameras(saved, inputs, { 1: 'b', 2: 'b' });
    expect(ids(matches)).toEqual(['b', 'a']);
    expect(matches.map((m) => m.foundBy)).toEqual(['picked', 'id']);
  });

  it('settles the second of two same-model cameras by name once the first is picked', () => {
    const saved = setup({ deviceId: 'old-1', label: 'BRIO' }, { deviceId: 'old-2', label: 'BRIO' });
    const twins = [
      { deviceId: 'n1', label: 'BRIO' },
      { deviceId: 'n2', label: 'BRIO' },
    ];
    const matches = matchCameras(saved, twins, { 2: 'n1' });
    expect(ids(matches)).toEqual(['n2', 'n1']);
    expect(matches.map((m) => m.foundBy)).toEqual(['name', 'picked']);
  });

  it('ignores a pick of a camera that is no longer plugged in', () => {
    const saved = setup({ deviceId: 'gone', label: 'USB Cam X' }, null);
    const [one] = matchCameras(saved, inputs, { 1: 'unplugged' });
    expect(one).toMatchObject({ device: null, missing: true });
  });

  it('takes the first two cameras in order on a kiosk nobody has set up', () => {
    const matches = matchCameras(setup(null, null), inputs);
    expect(ids(matches)).toEqual(['a', 'b']);
    expect(matches.map((m) => m.foundBy)).toEqual(['first free', 'first free']);
  });

  it('reports a configured camera that is unplugged instead of filming the wrong side with another', () => {
    const [one, two] = matchCameras(setup('a', 'gone'), inputs);
    expect(one.device?.deviceId).toBe('a');
    expect(two).toMatchObject({ device: null, missing: true, foundBy: null, sameName: [] });
  });

  it('gives an unassigned camera a free device, never one already in use', () => {
    const [one, two] = matchCameras(setup(null, 'a'), inputs);
    expect(two.device?.deviceId).toBe('a');
    expect(one).toMatchObject({ device: { deviceId: 'b' }, foundBy: 'first free' });
  });

  it('leaves a camera without a device when there is only one camera', () => {
    const [one, two] = matchCameras(setup(null, null), inputs.slice(0, 1));
    expect(one.device?.deviceId).toBe('a');
    expect(two).toMatchObject({ device: null, missing: false, foundBy: null });
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
