import { describe, expect, it } from 'vitest';
import type { CameraSetup } from '../../shared/devices';
import { matchCameras, type VideoInput } from './devices';
import {
  assignCamera,
  cameraFinding,
  formatBitrate,
  formChanged,
  formFromSetup,
  gigabytesPerHour,
  missingCameras,
  numberChoices,
  previewedDevices,
  resolutionChoices,
  saveProblem,
  setSource,
  type CameraForm,
} from './setup-form';

const DEFAULTS: CameraSetup = {
  id: null,
  camera1: { deviceId: null, label: null, source: 'front' },
  camera2: { deviceId: null, label: null, source: 'rear' },
  width: 1280,
  height: 720,
  frameRate: 30,
  bitrate: 4_000_000,
  updatedAt: null,
};
const A: VideoInput = { deviceId: 'a', label: 'Cam A' };
const B: VideoInput = { deviceId: 'b', label: 'Cam B' };
const C: VideoInput = { deviceId: 'c', label: 'Cam C' };

function saved(
  camera1: string | null,
  camera2: string | null,
  labels: [string | null, string | null] = [null, null],
) {
  return {
    ...DEFAULTS,
    id: 'setup',
    camera1: { deviceId: camera1, label: labels[0], source: 'front' },
    camera2: { deviceId: camera2, label: labels[1], source: 'rear' },
  };
}

describe('the form for a saved setup', () => {
  it('shows the first two inputs as camera 1 and 2 when no device was ever chosen', () => {
    const form = formFromSetup(DEFAULTS, [A, B, C]);
    expect(form.camera1).toEqual({ deviceId: 'a', label: 'Cam A', source: 'front' });
    expect(form.camera2).toEqual({ deviceId: 'b', label: 'Cam B', source: 'rear' });
  });

  it('keeps the saved devices and takes their current names', () => {
    const form = formFromSetup(saved('b', 'a', ['old B', 'old A']), [A, B]);
    expect(form.camera1).toMatchObject({ deviceId: 'b', label: 'Cam B' });
    expect(form.camera2).toMatchObject({ deviceId: 'a', label: 'Cam A' });
  });

  it('keeps a saved device that is unplugged, with its name, instead of using another camera', () => {
    const form = formFromSetup(saved('a', 'gone', [null, 'USB Cam X']), [A, B]);
    expect(form.camera2).toEqual({ deviceId: 'gone', label: 'USB Cam X', source: 'rear' });
  });
});

describe('assigning a device to a camera', () => {
  const form = formFromSetup(DEFAULTS, [A, B, C]);

  it('swaps the two cameras when the device was the other camera', () => {
    const next = assignCamera(form, 1, B, [A, B, C]);
    expect(next.camera1).toEqual({ deviceId: 'b', label: 'Cam B', source: 'front' });
    expect(next.camera2).toEqual({ deviceId: 'a', label: 'Cam A', source: 'rear' });
  });

  it('leaves the other camera alone when the device was free', () => {
    const next = assignCamera(form, 2, C, [A, B, C]);
    expect(next.camera1.deviceId).toBe('a');
    expect(next.camera2.deviceId).toBe('c');
  });

  it('does not swap an unplugged device in: the other camera is left unchosen', () => {
    const broken = formFromSetup(saved('gone', 'a'), [A, B]);
    const next = assignCamera(broken, 1, A, [A, B]);
    expect(next.camera1.deviceId).toBe('a');
    expect(next.camera2).toEqual({ deviceId: null, label: null, source: 'rear' });
  });

  it('keeps what each camera films with the camera number', () => {
    const renamed = setSource(form, 1, 'wing');
    expect(assignCamera(renamed, 2, A, [A, B, C]).camera2.source).toBe('rear');
    expect(assignCamera(renamed, 2, A, [A, B, C]).camera1.source).toBe('wing');
  });
});

describe('missing cameras', () => {
  it('names the camera, what it films and the device', () => {
    const form = formFromSetup(saved('a', 'gone', [null, 'USB Cam X']), [A, B]);
    expect(missingCameras(form, [A, B])).toEqual([
      {
        camera: 2,
        label: 'USB Cam X',
        sameName: false,
        message: 'Camera 2 (rear), “USB Cam X”, is not connected.',
      },
    ]);
  });

  it('says nothing about a camera that was never chosen', () => {
    expect(missingCameras(formFromSetup(DEFAULTS, []), [])).toEqual([]);
  });

  it('says so when two cameras plugged in carry the saved name, instead of calling it unplugged', () => {
    const twins = [
      { deviceId: 'n1', label: 'BRIO' },
      { deviceId: 'n2', label: 'BRIO' },
    ];
    const form = formFromSetup(saved('old', 'a', ['BRIO', 'Cam A']), [...twins, A]);
    expect(form.camera1.deviceId).toBe('old');
    expect(missingCameras(form, [...twins, A])).toEqual([
      {
        camera: 1,
        label: 'BRIO',
        sameName: true,
        message: 'Camera 1 (front) cannot be told apart: 2 cameras plugged in are called “BRIO”.',
      },
    ]);
  });
});

describe('how each camera was found, on its tile', () => {
  it('says a camera was found by its saved id', () => {
    const setup = saved('a', 'b', ['Cam A', 'Cam B']);
    const form = formFromSetup(setup, [A, B]);
    expect(cameraFinding(1, form, matchCameras(setup, [A, B])[0])).toEqual({
      text: 'Found by its saved id',
      keep: false,
    });
  });

  it('offers to save a camera found by name under a new id', () => {
    const setup = saved('old-a', 'b', ['Cam A', 'Cam B']);
    const form = formFromSetup(setup, [A, B]);
    expect(form.camera1.deviceId).toBe('a');
    expect(cameraFinding(1, form, matchCameras(setup, [A, B])[0])).toEqual({
      text: 'Found by name: its id changed',
      keep: true,
    });
  });

  it('says a camera chosen on the screen is not saved yet, with nothing to keep on its own', () => {
    const setup = saved('old-a', 'b', ['Cam A', 'Cam B']);
    const form = assignCamera(formFromSetup(setup, [A, B, C]), 1, C, [A, B, C]);
    expect(cameraFinding(1, form, matchCameras(setup, [A, B, C])[0])).toEqual({
      text: 'Chosen here, not saved yet',
      keep: false,
    });
  });

  it('says a camera the setup never chose is the first free one', () => {
    const form = formFromSetup(DEFAULTS, [A, B]);
    expect(cameraFinding(2, form, matchCameras(DEFAULTS, [A, B])[1])?.text).toBe('First free, not saved');
  });
});

describe('what stops a save', () => {
  const form: CameraForm = formFromSetup(DEFAULTS, [A, B]);

  it('allows a complete setup', () => {
    expect(saveProblem(form)).toBeNull();
  });

  it('refuses both cameras on one device, naming it', () => {
    const same = { ...form, camera2: { ...form.camera2, deviceId: 'a', label: 'Cam A' } };
    expect(saveProblem(same)).toMatch(/both “Cam A”/);
  });

  it('asks what a camera films when the name is blank', () => {
    expect(saveProblem(setSource(form, 2, '  '))).toBe('Say what camera 2 films, for example rear.');
  });

  it('refuses two cameras with the same name', () => {
    expect(saveProblem(setSource(form, 2, 'Front'))).toMatch(/Both cameras are called/);
  });
});

describe('choices and numbers', () => {
  it('offers the saved size when it is not one of the usual ones', () => {
    expect(resolutionChoices({ width: 1024, height: 576 }).map((r) => r.width)).toEqual([
      854, 1024, 1280, 1920,
    ]);
    expect(resolutionChoices({ width: 1280, height: 720 })).toHaveLength(3);
    expect(numberChoices([24, 25, 30, 60], 50)).toEqual([24, 25, 30, 50, 60]);
  });

  it('says bitrates in Mbit/s and the disk an hour takes', () => {
    expect(formatBitrate(4_000_000)).toBe('4 Mbit/s');
    expect(formatBitrate(2_500_000)).toBe('2.5 Mbit/s');
    expect(gigabytesPerHour(4_000_000)).toBe(1.8);
  });

  it('sees a change in devices, names, size, rate or bitrate, but not in a device’s label', () => {
    const setup = saved('a', 'b', ['Cam A', 'Cam B']);
    const form = formFromSetup(setup, [A, B]);
    expect(formChanged(form, setup)).toBe(false);
    expect(formChanged({ ...form, camera1: { ...form.camera1, label: 'renamed' } }, setup)).toBe(false);
    expect(formChanged(assignCamera(form, 1, B, [A, B]), setup)).toBe(true);
    expect(formChanged({ ...form, frameRate: 25 }, setup)).toBe(true);
  });
});

describe('live previews', () => {
  const inputs = [A, B, C, { deviceId: 'd', label: 'D' }, { deviceId: 'e', label: 'E' }];

  it('shows the two cameras first and at most four', () => {
    const form = formFromSetup(saved('e', 'd'), inputs);
    expect([...previewedDevices(form, inputs, null)]).toEqual(['e', 'd', 'a', 'b']);
  });

  it('shows a device the admin asked to see before the others', () => {
    const form = formFromSetup(saved('e', 'd'), inputs);
    expect([...previewedDevices(form, inputs, 'c')]).toEqual(['e', 'd', 'c', 'a']);
  });
});
