// The `devices`, `recordings` (check-in and one flight) and `capture` areas: which camera is which, checking a
// flight in, and recording its three scenes straight to disk, a chunk at a time.
import { z } from 'zod';
import { channel, event, type UserRole } from './define';
import { idSchema, type PersonTile } from './users';

const SIGNED_IN: readonly UserRole[] = ['admin', 'crew', 'pilot'];
const GROUND_CREW: readonly UserRole[] = ['admin', 'crew'];
const ADMIN: readonly UserRole[] = ['admin'];

/** Largest camera chunk main accepts: a 1 s slice at 50 Mbit/s is about 6 MB. */
export const MAX_CHUNK_BYTES = 16 * 1024 * 1024;

export const SCENE_ORDER = ['cruising', 'chase', 'arrival'] as const;
export type SceneType = (typeof SCENE_ORDER)[number];
export type SceneStatus = 'pending' | 'recording' | 'recorded' | 'recovered' | 'failed';
export type CameraNumber = 1 | 2;

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

export interface SceneView {
  id: string;
  recordingId: string;
  sceneType: SceneType;
  sceneIndex: number;
  status: SceneStatus;
  camera1Source: string;
  camera2Source: string;
  /** Same-origin URL of the footage (app://magnum/media/... or http://host/media/...), or null. */
  camera1Url: string | null;
  camera2Url: string | null;
  /** Seconds. */
  camera1Duration: number | null;
  camera2Duration: number | null;
  /** Camera 2's first frame minus camera 1's, in ms. */
  offsetMs: number | null;
  codec: string | null;
  startedAt: string | null;
  endedAt: string | null;
  updatedAt: string;
}

export interface RecordingDetail {
  id: string;
  passengerNames: string;
  flightAt: string;
  customerEmail: string | null;
  customerPhone: string | null;
  pilotId: string | null;
  pilotName: string | null;
  staffMemberId: string | null;
  staffMemberName: string | null;
  notes: string | null;
  sold: boolean;
  exportStatus: string;
  createdAt: string;
  /** Cruising, chase, arrival. */
  scenes: SceneView[];
}

export interface Roster {
  pilots: PersonTile[];
  /** Crew and admins: who can look after a flight. */
  staff: PersonTile[];
}

export interface TakeStarted {
  takeId: string;
  sceneId: string;
  startedAt: string;
  /** The stop button is refused before this many seconds (setting). */
  minSeconds: number;
}

export interface ChunkAck {
  /** This camera's bytes on disk for the take so far. */
  bytesWritten: number;
  /** Set when main wants the take stopped now (disk nearly full); the screen stops and says why. */
  stopRequested: 'disk-low' | null;
  freeBytes: number | null;
}

export interface FinishedCamera {
  camera: CameraNumber;
  durationSeconds: number;
  bytes: number;
  /** True when the camera dropped out during the take. */
  lost: boolean;
}

export interface TakeFinished {
  scene: SceneView;
  cameras: FinishedCamera[];
  /** From the stop call arriving to both files being playable. */
  finalizeMs: number;
}

export interface RecoveredScene {
  sceneId: string;
  recordingId: string;
  passengerNames: string;
  sceneType: SceneType;
  /** What was saved: durations per camera (null when nothing usable reached the disk). */
  camera1Duration: number | null;
  camera2Duration: number | null;
  recoveredAt: string;
}

const uiText = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => uiText(max).nullable().optional();
const cameraNumber = z.union([z.literal(1), z.literal(2)]);

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

export const phoneSchema = z
  .string()
  .trim()
  .max(40)
  .refine(
    (value) => value === '' || (/^[+\d\s().-]+$/.test(value) && (value.match(/\d/g) ?? []).length >= 6),
    'A phone number is digits, spaces and + ( ) - only, at least 6 digits.',
  );

export const emailSchema = z
  .string()
  .trim()
  .max(200)
  .refine(
    (value) => value === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value),
    'That is not an e-mail address.',
  );

const someId = '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f';

export const captureChannels = {
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
    access: ADMIN,
    example: {
      camera1: { deviceId: 'front-device', label: 'Front camera', source: 'front' },
      camera2: { deviceId: 'rear-device', label: 'Rear camera', source: 'rear' },
      width: 1280,
      height: 720,
      frameRate: 30,
      bitrate: 4_000_000,
    },
  }),
  'users.roster': channel<Roster>()({
    summary: 'Active pilots and ground staff, for the check-in form.',
    input: z.strictObject({}),
    access: GROUND_CREW,
    example: {},
  }),
  'recordings.checkIn': channel<RecordingDetail>()({
    summary: 'Checks a flight in: the recording with its three scenes and eight slots.',
    input: z.strictObject({
      passengerNames: z.string().trim().min(1, 'Enter at least one passenger name.').max(200),
      customerEmail: emailSchema.optional(),
      customerPhone: phoneSchema.optional(),
      pilotId: idSchema.nullable().optional(),
      staffMemberId: idSchema.nullable().optional(),
      flightAt: z.iso.datetime({ offset: true }).optional(),
      notes: optionalText(2000),
    }),
    access: GROUND_CREW,
    example: { passengerNames: 'Ana Silva, Ben Silva', customerEmail: 'ana@example.com' },
  }),
  'recordings.get': channel<RecordingDetail>()({
    summary: 'One flight with its scenes and footage, if the caller may see it.',
    input: z.strictObject({ id: idSchema }),
    access: SIGNED_IN,
    example: { id: someId },
  }),
  'capture.start': channel<TakeStarted>()({
    summary:
      'Starts a take of one scene: checks free disk, opens the files. An earlier take stays until this one is saved.',
    input: z.strictObject({
      sceneId: idSchema,
      mimeType: z.string().trim().min(1).max(120),
      cameras: z
        .array(
          z.strictObject({
            camera: cameraNumber,
            label: uiText(200).nullable(),
            width: z.number().int().min(1).max(8192),
            height: z.number().int().min(1).max(8192),
            frameRate: z.number().min(0).max(240),
          }),
        )
        .min(1)
        .max(2)
        .refine((cameras) => new Set(cameras.map((c) => c.camera)).size === cameras.length, {
          message: 'Each camera once.',
        }),
    }),
    access: GROUND_CREW,
    example: {
      sceneId: someId,
      mimeType: 'video/x-matroska;codecs=avc1',
      cameras: [
        { camera: 1, label: 'Front camera', width: 1280, height: 720, frameRate: 30 },
        { camera: 2, label: 'Rear camera', width: 1280, height: 720, frameRate: 30 },
      ],
    },
  }),
  'capture.chunk': channel<ChunkAck>()({
    summary: 'Appends one recorder chunk (at most 1 s) to the camera’s file on disk, in order.',
    input: z.strictObject({
      takeId: idSchema,
      camera: cameraNumber,
      /** 0, 1, 2... per camera; a repeat of the last one is acknowledged without writing twice. */
      seq: z.number().int().min(0).max(10_000_000),
      bytes: z
        .instanceof(Uint8Array, { message: 'A chunk is bytes.' })
        .refine((bytes) => bytes.byteLength <= MAX_CHUNK_BYTES, 'A chunk is at most 16 MB.'),
      /** With seq 0: when this camera's recorder started, in ms since the epoch on the screen's clock. */
      startedAtMs: z.number().min(0).max(8.64e15).optional(),
    }),
    access: GROUND_CREW,
    example: { takeId: someId, camera: 1, seq: 0, bytes: new Uint8Array([0x1a, 0x45, 0xdf, 0xa3]) },
  }),
  'capture.cameraLost': channel<{ noted: true }>()({
    summary: 'Notes that a camera dropped out mid-take; its file so far is kept, the other camera goes on.',
    input: z.strictObject({ takeId: idSchema, camera: cameraNumber, reason: uiText(300) }),
    access: GROUND_CREW,
    example: { takeId: someId, camera: 2, reason: 'The camera was unplugged.' },
  }),
  'capture.stop': channel<TakeFinished>()({
    summary:
      'Ends a take once its last chunks are in: makes the files seekable and saves them as the scene. Refused before the minimum length.',
    input: z.strictObject({ takeId: idSchema }),
    access: GROUND_CREW,
    example: { takeId: someId },
  }),
  'capture.discard': channel<{ discarded: true }>()({
    summary: 'Throws a take away; the scene keeps the footage it had before.',
    input: z.strictObject({ takeId: idSchema }),
    access: GROUND_CREW,
    example: { takeId: someId },
  }),
  'capture.recoveries': channel<RecoveredScene[]>()({
    summary:
      'Scenes found interrupted at start (the kiosk closed mid-recording) and saved from what reached disk.',
    input: z.strictObject({}),
    access: GROUND_CREW,
    example: {},
  }),
  'capture.acknowledgeRecoveries': channel<{ acknowledged: number }>()({
    summary: 'The operator has seen these recovery notes; they are not shown again.',
    input: z.strictObject({ sceneIds: z.array(idSchema).min(1).max(100) }),
    access: GROUND_CREW,
    example: { sceneIds: [someId] },
  }),
};

export const captureEvents = {
  'capture.takeEnded': event<{ takeId: string; sceneId: string; reason: 'disk-low' | 'idle' }>()({
    summary:
      'Main ended a take itself: the disk nearly full, or no chunks for a long time (the screen went away).',
  }),
};
