// The `storage` area (admin): what the kiosk's files take on its one disk and how fast that grows, the rules that
// remove old raw footage (never what is not in the newest verified backup, unless the admin types the flight's
// passenger names), and the files check that compares the media folder with what the database knows.
import { z } from 'zod';
import { ADMIN_ONLY, EXAMPLE_ID, channel, event, idSchema, pageInput, type Page } from './define';

export const STORAGE_KIND_NAMES = ['raw', 'export', 'photo', 'thumbnail'] as const;
export type StorageKindName = (typeof STORAGE_KIND_NAMES)[number];

export interface KindUsage {
  kind: StorageKindName;
  bytes: number;
  files: number;
}

export interface FlightUsage {
  recordingId: string;
  passengerNames: string;
  flightAt: string;
  sold: boolean;
  bytes: number;
  files: number;
  bytesByKind: Record<StorageKindName, number>;
  /** When the storage rules last removed this flight's raw footage, else null. */
  rawRemovedAt: string | null;
}

export interface StorageGrowth {
  /** Bytes of files recorded on each of the last 14 days on the kiosk's calendar, oldest first ('YYYY-MM-DD'). */
  days: Array<{ day: string; bytes: number }>;
  /** The average over those days (fewer on a kiosk younger than that); 0 when nothing was recorded. */
  bytesPerDay: number;
  /** Days until free space falls to the floor recording needs, at that rate; null when nothing grows. */
  daysLeft: number | null;
}

export interface StorageOverview {
  totalBytes: number;
  files: number;
  byKind: KindUsage[];
  /** Flights, biggest first. */
  flights: Page<FlightUsage>;
  disk: { freeBytes: number | null; totalBytes: number | null; lowBytes: number };
  growth: StorageGrowth;
  /** The database file and the audit archives: not in `totalBytes`, which counts the flights' files. */
  databaseBytes: number;
  archiveBytes: number;
  /** What the storage rules have removed so far. */
  removed: { flights: number; files: number; bytes: number };
}

/** Days after which raw footage may go; null switches a rule off. */
export interface RetentionRules {
  /** After the flight was sold (its newest completed sale), once it was delivered. */
  soldRawDays: number | null;
  /** After the flight, for flights nobody bought. */
  unsoldRawDays: number | null;
}

export const RETENTION_DAYS = { min: 1, max: 3650 } as const;

export interface RetentionFile {
  /** Relative to the data folder: 'media/<flight>/<scene>/camera1.mp4'. */
  path: string;
  bytes: number;
  /** Listed in the newest verified backup with this size (applying checks its SHA-256 as well). */
  inBackup: boolean;
}

export interface RetentionFlight {
  recordingId: string;
  passengerNames: string;
  flightAt: string;
  rule: 'sold' | 'unsold';
  /** Why it may go, in words: "Sold 45 days ago and delivered (downloaded)". */
  reason: string;
  files: RetentionFile[];
  bytes: number;
  /** False: the admin must type the passenger names for the files the backup does not hold. */
  allInBackup: boolean;
}

/** Old enough, but kept for now, and why ("Sold, but not delivered yet"). */
export interface HeldBackFlight {
  recordingId: string;
  passengerNames: string;
  flightAt: string;
  bytes: number;
  reason: string;
}

export interface RetentionPreview {
  rules: RetentionRules;
  /** The newest verified backup, or null when there is none (then every flight needs its names typed). */
  backup: { generation: string; createdAt: string } | null;
  flights: RetentionFlight[];
  heldBack: HeldBackFlight[];
  bytes: number;
}

export interface RemovalOutcome {
  recordingId: string;
  passengerNames: string;
  removedFiles: number;
  removedBytes: number;
  /** Files left on disk because the backup does not hold them and the names were not typed. */
  keptFiles: number;
  /** What went wrong or was left, in words for the admin; null when everything asked for went. */
  problem: string | null;
}

export interface RetentionApplyResult {
  flights: RemovalOutcome[];
  removedFiles: number;
  removedBytes: number;
}

export interface MissingFile {
  path: string;
  kind: StorageKindName;
  recordingId: string;
  passengerNames: string;
  bytes: number;
  whatToDo: string;
}

/**
 * A file under media/ that no storage row knows. `adopt`: the database points at it (a scene's footage, a video,
 * an imported photo), so it gets its row back; `delete`: nothing uses it; `none`: a working file capture or the
 * export queue tidy away themselves.
 */
export interface OrphanFile {
  path: string;
  bytes: number;
  recordingId: string | null;
  passengerNames: string | null;
  action: 'adopt' | 'delete' | 'none';
  whatToDo: string;
}

export interface FilesCheck {
  checkedAt: string;
  filesOnDisk: number;
  rowsChecked: number;
  missing: MissingFile[];
  orphans: OrphanFile[];
}

export interface OrphansResult {
  done: number;
  bytes: number;
  /** Paths left alone, each with why (no longer an orphan, another action applies, gone already). */
  skipped: Array<{ path: string; reason: string }>;
}

export interface StorageProgress {
  operation: 'apply' | 'check';
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  done: boolean;
}

/**
 * The confirmation by name: what the admin typed names the flight's passengers, ignoring case, spacing and
 * accents typed or not, so a glove on the on-screen keyboard is not failed by a capital letter.
 */
export function namesMatch(typed: string, passengerNames: string): boolean {
  const plain = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim();
  const want = plain(passengerNames);
  return want.length > 0 && plain(typed) === want;
}

/** A backup generation's time from its name ('2026-12-01T10-30-00Z', '…Z-2'), or null for another name. */
export function backupTimeOf(generation: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z(?:-\d+)?$/.exec(generation);
  if (!match) return null;
  const at = new Date(`${match[1]}T${match[2]}:${match[3]}:${match[4]}Z`);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

const retentionDays = z
  .number()
  .int()
  .min(RETENTION_DAYS.min, `Keep footage at least ${RETENTION_DAYS.min} day.`)
  .max(RETENTION_DAYS.max, `Keep footage at most ${RETENTION_DAYS.max} days.`)
  .nullable();

/** A file under the media folder, as storage rows name it: relative, forward slashes, nothing leading out. */
const mediaPathSchema = z
  .string()
  .min(7)
  .max(500)
  .refine(
    (p) =>
      p.startsWith('media/') &&
      !p.includes('\\') &&
      !p.includes('\0') &&
      p.split('/').every((part) => part !== '' && part !== '.' && part !== '..'),
    'Name a file inside the media folder, as the files check lists it.',
  );

export const storageChannels = {
  'storage.overview': channel<StorageOverview>()({
    summary:
      'The disk: total, per kind and per flight (biggest first, paged), free space, growth per day over the last 14 days and the days left at that rate.',
    input: z.strictObject({ ...pageInput }),
    access: ADMIN_ONLY,
    example: { limit: 20, offset: 0 },
  }),
  'storage.rules': channel<RetentionRules>()({
    summary:
      'The retention rules: days after which sold-and-delivered and unsold flights’ raw footage may go.',
    input: z.strictObject({}),
    access: ADMIN_ONLY,
    example: {},
  }),
  'storage.setRules': channel<RetentionRules>()({
    summary: 'Changes the retention rules (null switches a rule off). Nothing is removed until applied.',
    input: z
      .strictObject({ soldRawDays: retentionDays.optional(), unsoldRawDays: retentionDays.optional() })
      .refine((change) => change.soldRawDays !== undefined || change.unsoldRawDays !== undefined, {
        message: 'Say what to change: soldRawDays or unsoldRawDays.',
      }),
    access: ADMIN_ONLY,
    example: { soldRawDays: 30 },
  }),
  'storage.preview': channel<RetentionPreview>()({
    summary:
      'What the retention rules would remove now, per flight, with bytes and whether each file is in the newest verified backup.',
    input: z.strictObject({}),
    access: ADMIN_ONLY,
    example: {},
  }),
  'storage.apply': channel<RetentionApplyResult>()({
    summary:
      'Removes the raw footage of these flights if the rules still allow it: files the newest verified backup holds (same size and SHA-256), and the rest only where the passenger names were typed. Audited.',
    input: z.strictObject({
      flights: z
        .array(
          z.strictObject({
            recordingId: idSchema,
            typedNames: z.string().max(200).optional(),
          }),
        )
        .min(1, 'Pick at least one flight.')
        .max(200, 'Apply the rules to at most 200 flights at once.')
        .refine(
          (flights) => new Set(flights.map((f) => f.recordingId)).size === flights.length,
          'Each flight once.',
        ),
    }),
    access: ADMIN_ONLY,
    example: { flights: [{ recordingId: EXAMPLE_ID, typedNames: 'Ana Silva, Ben Silva' }] },
  }),
  'storage.check': channel<FilesCheck>()({
    summary:
      'Files on disk under media/ against the storage rows: rows whose file is missing and files no row knows, each with what to do.',
    input: z.strictObject({}),
    access: ADMIN_ONLY,
    example: {},
  }),
  'storage.resolveOrphans': channel<OrphansResult>()({
    summary:
      'Deletes files nothing uses, or gives files the database points at their storage row back; only files the files check still finds so. Audited.',
    input: z.strictObject({
      action: z.enum(['delete', 'adopt'], 'Say delete or adopt.'),
      paths: z.array(mediaPathSchema).min(1).max(500, 'At most 500 files at once.'),
    }),
    access: ADMIN_ONLY,
    example: { action: 'delete', paths: [`media/${EXAMPLE_ID}/cruising/old.webm`] },
  }),
};

export const storageEvents = {
  'storage.progress': event<StorageProgress>()({
    summary: 'How far removing footage (checking each file against the backup) or the files check has got.',
  }),
};
