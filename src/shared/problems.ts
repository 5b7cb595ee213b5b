// The `problems` area: anyone signed in tells the managers something went wrong (a camera, a sale, the kiosk),
// optionally naming the flight; admins see the list and resolve each with a note. "Save diagnostics" puts the
// logs, versions, health figures and settings on a USB drive for whoever fixes the kiosk — never PIN hashes or
// customers' contact details.
import { z } from 'zod';
import {
  ADMIN_ONLY,
  EXAMPLE_ID,
  GROUND_CREW,
  SIGNED_IN,
  channel,
  idSchema,
  pageInput,
  type Page,
} from './define';

/** The categories the database allows (migration 8), in the order the report dialog shows them. */
export const PROBLEM_CATEGORIES = [
  'camera',
  'recording',
  'export',
  'sale',
  'delivery',
  'kiosk',
  'other',
] as const;
export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number];

export const PROBLEM_CATEGORY_LABELS: Record<ProblemCategory, string> = {
  camera: 'Camera',
  recording: 'Filming',
  export: 'Making the video',
  sale: 'Selling',
  delivery: 'Handing over',
  kiosk: 'The kiosk itself',
  other: 'Something else',
};

export const PROBLEM_TEXT_MAX = 2000;
export const PROBLEM_STATUSES = ['open', 'resolved'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

export interface ProblemReportView {
  id: string;
  category: ProblemCategory;
  description: string;
  status: ProblemStatus;
  createdAt: string;
  reportedBy: { id: string; name: string } | null;
  /** The flight it is about, if one was picked (and still exists). */
  flight: { id: string; passengerNames: string; flightAt: string } | null;
  resolvedAt: string | null;
  resolvedBy: { id: string; name: string } | null;
  resolutionNote: string | null;
}

/** A place diagnostics can be saved to: the kiosk's deliveries folder or a removable drive. */
export interface DiagnosticsTarget {
  /** Opaque: the screen sends it back, never a path. */
  id: string;
  label: string;
  kind: 'folder' | 'drive';
  freeBytes: number | null;
}

export interface SavedDiagnostics {
  /** Where it went, in words: "Drive KINGSTON › MagnumStream-diagnostics › diagnostics-2026-12-02-1030". */
  place: string;
  /** The folder's full path, for whoever opens it on a computer. */
  folder: string;
  /** A drive can be taken out once saved; the deliveries folder stays on the kiosk. */
  kind: DiagnosticsTarget['kind'];
  files: number;
  bytes: number;
}

const problemText = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Write a few words ${what}.`)
    .max(PROBLEM_TEXT_MAX, `Keep it under ${PROBLEM_TEXT_MAX} characters.`);

/** What the screen knows of the cameras (the kiosk's main process cannot see them): written into diagnostics. */
const cameraState = z.strictObject({
  camera: z.union([z.literal(1), z.literal(2)]),
  source: z.string().trim().max(60),
  connected: z.boolean(),
  device: z.string().trim().max(200).nullable(),
});
export type CameraStateForDiagnostics = z.output<typeof cameraState>;

export const problemsChannels = {
  'problems.report': channel<ProblemReportView>()({
    summary: 'Reports a problem: its category, what happened, and optionally the flight it is about.',
    input: z.strictObject({
      category: z.enum(PROBLEM_CATEGORIES, 'Pick what the problem is with.'),
      description: problemText('about what happened'),
      recordingId: idSchema.optional(),
    }),
    access: SIGNED_IN,
    example: { category: 'camera', description: 'The rear camera froze during the chase scene.' },
  }),
  'problems.list': channel<Page<ProblemReportView>>()({
    summary: 'Problem reports, open or resolved, newest first.',
    input: z.strictObject({
      ...pageInput,
      status: z.enum(PROBLEM_STATUSES, 'Show open or resolved problems.'),
    }),
    access: ADMIN_ONLY,
    example: { status: 'open', limit: 50, offset: 0 },
  }),
  'problems.resolve': channel<ProblemReportView>()({
    summary: 'Marks a problem resolved with a note saying what was done.',
    input: z.strictObject({ id: idSchema, note: problemText('about what was done') }),
    access: ADMIN_ONLY,
    example: { id: EXAMPLE_ID, note: 'Replaced the USB cable of the rear camera.' },
  }),
  'problems.diagnosticsTargets': channel<DiagnosticsTarget[]>()({
    summary: 'Where diagnostics can be saved: the kiosk’s deliveries folder and every removable drive.',
    input: z.strictObject({}),
    access: GROUND_CREW,
    example: {},
  }),
  'problems.saveDiagnostics': channel<SavedDiagnostics>()({
    summary:
      'Writes logs, versions, health figures and settings (no PIN hashes, no customer details) to a drive.',
    input: z.strictObject({
      targetId: z.string().min(1).max(128),
      cameras: z.array(cameraState).max(2).optional(),
    }),
    access: GROUND_CREW,
    example: {
      targetId: 'a1b2c3d4e5f6a7b8c9d0e1f2',
      cameras: [{ camera: 1, source: 'front', connected: true, device: 'USB Camera (046d:085e)' }],
    },
  }),
};
