import { describe, expect, it } from 'vitest';
import type { CameraSetup } from '../../shared/devices';
import { matchCameras, type VideoInput } from './devices';
import { cameraProblems, otherCameraText, pickedTexts } from './camera-problems';

const saved = (
  camera1: { deviceId: string | null; label: string | null },
  camera2: { deviceId: string | null; label: string | null },
): CameraSetup => ({
  id: 'setup',
  camera1: { ...camera1, source: 'front' },
  camera2: { ...camera2, source: 'rear' },
  width: 1280,
  height: 720,
  frameRate: 30,
  bitrate: 4_000_000,
  updatedAt: '2025-06-01T08:00:00.000Z',
});
const A: VideoInput = { deviceId: 'a', label: 'Cam A' };
const B: VideoInput = { deviceId: 'b', label: 'Cam B' };
const C: VideoInput = { deviceId: 'c', label: 'Cam C' };
const BRIO = { deviceId: 'old', label: 'Logitech BRIO' };

describe('what the filming screen says about a camera it cannot use', () => {
  it('names the missing camera, what it films and its device, and offers the free cameras', () => {
    const matches = matchCameras(saved({ deviceId: 'a', label: 'Cam A' }, BRIO), [A, B, C]);
    expect(cameraProblems(matches, [A, B, C])).toEqual([
      {
        camera: 2,
        name: 'Camera 2 (rear)',
        text: 'Camera 2 (rear), “Logitech BRIO”, is not connected.',
        candidates: [B, C],
      },
    ]);
  });

  it('says the other camera can still record when it has a live picture', () => {
    const matches = matchCameras(saved({ deviceId: 'a', label: 'Cam A' }, BRIO), [A]);
    expect(otherCameraText(matches, [1])).toBe('The other camera, Camera 1 (front), can still record.');
  });

  it('does not say the other camera can still record when both are missing', () => {
    const matches = matchCameras(saved({ deviceId: 'gone', label: 'Cam X' }, BRIO), [A]);
    expect(cameraProblems(matches, [A]).map((problem) => problem.text)).toEqual([
      'Camera 1 (front), “Cam X”, is not connected.',
      'Camera 2 (rear), “Logitech BRIO”, is not connected.',
    ]);
    expect(otherCameraText(matches, [])).toBe('Neither camera can record now.');
  });

  it('does not say the other camera can still record when its picture did not start', () => {
    const matches = matchCameras(saved({ deviceId: 'a', label: 'Cam A' }, BRIO), [A]);
    expect(otherCameraText(matches, [])).toBe('Neither camera can record now.');
  });

  it('says nothing when both cameras work', () => {
    const matches = matchCameras(saved({ deviceId: 'a', label: 'Cam A' }, { deviceId: 'b', label: null }), [
      A,
      B,
    ]);
    expect(cameraProblems(matches, [A, B])).toEqual([]);
    expect(otherCameraText(matches, [1, 2])).toBeNull();
  });

  it('asks which of two cameras of one model it is, offering only those two', () => {
    const twins = [
      { deviceId: 'n1', label: 'Logitech BRIO' },
      { deviceId: 'n2', label: 'Logitech BRIO' },
    ];
    const matches = matchCameras(saved(BRIO, { deviceId: 'gone', label: 'Cam A' }), [...twins, A]);
    const [problem] = cameraProblems(matches, [...twins, A]);
    expect(problem).toEqual({
      camera: 1,
      name: 'Camera 1 (front)',
      text: 'Camera 1 (front) cannot be told apart: 2 cameras plugged in are called “Logitech BRIO”.',
      candidates: twins,
    });
  });

  it('says a camera the setup never chose has no camera plugged in for it', () => {
    const matches = matchCameras(saved({ deviceId: null, label: null }, { deviceId: null, label: null }), [
      A,
    ]);
    expect(cameraProblems(matches, [A])).toEqual([
      {
        camera: 2,
        name: 'Camera 2 (rear)',
        text: 'Camera 2 (rear) has no camera: plug in a second camera.',
        candidates: [],
      },
    ]);
  });

  it('says which camera the crew picked on this screen, and that it is not saved', () => {
    const matches = matchCameras(saved({ deviceId: 'a', label: 'Cam A' }, BRIO), [A, B], { 2: 'b' });
    expect(cameraProblems(matches, [A, B])).toEqual([]);
    expect(pickedTexts(matches)).toEqual([
      'Camera 2 (rear) is “Cam B”, picked on this screen (not saved in the camera setup).',
    ]);
  });
});
