// The `devices` area: which camera is camera 1 (front) and camera 2 (rear), and how they record.
import { z } from 'zod';
import { ADMIN_ONLY, SIGNED_IN, channel } from './define';

export interface CameraAssignment {
  /** The browser's deviceId; null when not chosen yet (the first camera found is used). */
  deviceId: string | null;
  /** What the device called itself when it was chosen, to name it when it is missing. */
  label: string | null;
  /** What this camera films: front and rear by default. */
  source: string;
}

export interface CameraSetup {
  /** null only when no setup row exists at all (a fresh kiosk has a seeded default with no devices chosen). */
  id: string | null;
  camera1: CameraAssignment;
  camera2: CameraAssignment;
  width: number;
  height: number;
  frameRate: number;
  bitrate: number;
  updatedAt: string | null;
}

const uiText = (max: number) => z.string().trim().max(max);

const cameraAssignment = z.strictObject({
  deviceId: z.string().min(1).max(512).nullable(),
  label: uiText(200).nullable(),
  source: z.string().trim().min(1, 'Say what this camera films.').max(40),
});

const evenPixels = (min: number, max: number) =>
  z
    .number()
    .int()
    .min(min)
    .max(max)
    .refine((value) => value % 2 === 0, 'Use an even number of pixels.');

export const devicesChannels = {
  'devices.active': channel<CameraSetup>()({
    summary:
      'The active camera setup (or the defaults): which device is camera 1 and 2, and how they record.',
    input: z.strictObject({}),
    access: SIGNED_IN,
    example: {},
  }),
  'devices.save': channel<CameraSetup>()({
    summary: 'Saves the camera setup new scenes record with. Scenes already recorded keep their sources.',
    input: z
      .strictObject({
        camera1: cameraAssignment,
        camera2: cameraAssignment,
        width: evenPixels(160, 3840),
        height: evenPixels(120, 2160),
        frameRate: z.number().int().min(1).max(120),
        bitrate: z.number().int().min(250_000).max(50_000_000),
      })
      .refine(
        (setup) => setup.camera1.deviceId === null || setup.camera1.deviceId !== setup.camera2.deviceId,
        { message: 'Camera 1 and camera 2 must be different devices.', path: ['camera2', 'deviceId'] },
      ),
    access: ADMIN_ONLY,
    example: {
      camera1: { deviceId: 'front-device', label: 'Front camera', source: 'front' },
      camera2: { deviceId: 'rear-device', label: 'Rear camera', source: 'rear' },
      width: 1280,
      height: 720,
      frameRate: 30,
      bitrate: 4_000_000,
    },
  }),
};
