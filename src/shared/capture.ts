// The `capture` area: recording a flight's three scenes with both cameras straight to disk, a chunk at a
// time, and the scenes saved at start from a take the kiosk was closed in the middle of.
import { z } from 'zod';
import { EXAMPLE_ID, GROUND_CREW, channel, event, idSchema } from './define';

/** Largest camera chunk main accepts: a 1 s slice at 50 Mbit/s is about 6 MB. */
export const MAX_CHUNK_BYTES = 16 * 1024 * 1024;
/** Recorder parts per camera in one take (a camera got back mid-take starts a new part). */
export const MAX_PARTS = 20;

export const SCENE_ORDER = ['cruising', 'chase', 'arrival'] as const;
export type SceneType = (typeof SCENE_ORDER)[number];
export type SceneStatus = 'pending' | 'recording' | 'recorded' | 'recovered' | 'failed';
export type CameraNumber = 1 | 2;

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
  /** True when the camera dropped out during the take and was not got back. */
  lost: boolean;
  /** Recorder parts joined into this camera's file (more than 1 when the camera was got back mid-take). */
  parts: number;
}

/** Where a take stands in main, for a screen that lost its connection and wants to go on sending. */
export interface TakeResumed {
  takeId: string;
  sceneId: string;
  /** True when main had ended the take (host restarted, or idle) and reopened it from the disk. */
  reopened: boolean;
  cameras: Array<{
    camera: CameraNumber;
    /** The newest part main has a file for. */
    part: number;
    /** Bytes of that part on disk: the screen sends what comes after. */
    bytesOnDisk: number;
    lost: boolean;
  }>;
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
const cameraNumber = z.union([z.literal(1), z.literal(2)]);

export const captureChannels = {
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
      sceneId: EXAMPLE_ID,
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
      /** 0, 1, 2... per camera and part; a repeat of the last one is acknowledged without writing twice. */
      seq: z.number().int().min(0).max(10_000_000),
      /**
       * The camera's recorder part: 0, then 1, 2... each time the camera is got back mid-take (a new recorder,
       * a new file; the parts are joined on stop). Chunk 0 of a new part opens its file.
       */
      part: z
        .number()
        .int()
        .min(0)
        .max(MAX_PARTS - 1)
        .optional(),
      /**
       * Bytes of this part the screen had sent before this chunk. With it main writes each chunk exactly once
       * even after its own restart: a chunk already on disk is acknowledged, a gap is refused.
       */
      offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
      bytes: z
        .instanceof(Uint8Array, { message: 'A chunk is bytes.' })
        .refine((bytes) => bytes.byteLength <= MAX_CHUNK_BYTES, 'A chunk is at most 16 MB.'),
      /** With seq 0: when this camera's recorder (this part) started, in ms since the epoch on the screen's clock. */
      startedAtMs: z.number().min(0).max(8.64e15).optional(),
    }),
    access: GROUND_CREW,
    example: { takeId: EXAMPLE_ID, camera: 1, seq: 0, bytes: new Uint8Array([0x1a, 0x45, 0xdf, 0xa3]) },
  }),
  'capture.cameraLost': channel<{ noted: true }>()({
    summary: 'Notes that a camera dropped out mid-take; its file so far is kept, the other camera goes on.',
    input: z.strictObject({ takeId: idSchema, camera: cameraNumber, reason: uiText(300) }),
    access: GROUND_CREW,
    example: { takeId: EXAMPLE_ID, camera: 2, reason: 'The camera was unplugged.' },
  }),
  'capture.resume': channel<TakeResumed>()({
    summary:
      'After a lost connection: where the take stands in main, reopening it from the disk if main had ended it, so the screen can send what it kept.',
    input: z.strictObject({ takeId: idSchema, sceneId: idSchema }),
    access: GROUND_CREW,
    example: { takeId: EXAMPLE_ID, sceneId: EXAMPLE_ID },
  }),
  'capture.stop': channel<TakeFinished>()({
    summary:
      'Ends a take once its last chunks are in: makes the files seekable and saves them as the scene. Refused before the minimum length.',
    input: z.strictObject({ takeId: idSchema }),
    access: GROUND_CREW,
    example: { takeId: EXAMPLE_ID },
  }),
  'capture.discard': channel<{ discarded: true }>()({
    summary: 'Throws a take away; the scene keeps the footage it had before.',
    input: z.strictObject({ takeId: idSchema }),
    access: GROUND_CREW,
    example: { takeId: EXAMPLE_ID },
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
    example: { sceneIds: [EXAMPLE_ID] },
  }),
};

export const captureEvents = {
  'capture.takeEnded': event<{ takeId: string; sceneId: string; reason: 'disk-low' | 'idle' }>()({
    summary:
      'Main ended a take itself: the disk nearly full, or no chunks for a long time (the screen went away).',
  }),
};
