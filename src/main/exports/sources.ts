// What an export reads from the database and the disk: the flight's eight slots as windows of real camera
// files, its template, and the title text. Every way this can fail says which slot and which file, so the
// crew know what to film again or change.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { fileTimeAt, roundMs } from '../../shared/edit-math';
import { MONTH_NAMES } from '../../shared/flight-time';
import { fillTitlePattern } from '../../shared/templates';
import { resolveInside } from '../security/paths';
import type { PlannedClip } from './plan';

const SCENE_WORDS = { cruising: 'cruising', chase: 'chase', arrival: 'arrival' } as const;
const DEFAULT_OUTPUT = { width: 1920, height: 1080, frameRate: 30 };

/** A reason an export cannot be made, in words for the crew. */
export class ExportProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportProblem';
  }
}

export interface ExportSource {
  recordingId: string;
  clips: PlannedClip[];
  /** The flight's first slot (the title goes over it when the template has no intro). */
  firstSlotNumber: number;
  width: number;
  height: number;
  frameRate: number;
  introAsset: string | null;
  outroAsset: string | null;
  musicAsset: string | null;
  /** The template's title pattern filled in for this flight. */
  titleText: string;
}

/** "14 June 2025" and "10:30" of an instant on the kiosk's clock. */
export function flightDateAndTime(
  flightAt: string,
  utcOffsetMinutes: number,
): { date: string; time: string } {
  const local = new Date(Date.parse(flightAt) + utcOffsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${local.getUTCDate()} ${MONTH_NAMES[local.getUTCMonth()]} ${local.getUTCFullYear()}`,
    time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`,
  };
}

/** The template a flight is cut with: the one it was checked in with, else the active one, else defaults. */
async function templateOf(db: Kysely<Database>, templateId: string | null) {
  const byId = templateId
    ? await db.selectFrom('project_templates').selectAll().where('id', '=', templateId).executeTakeFirst()
    : undefined;
  return (
    byId ??
    (await db.selectFrom('project_templates').selectAll().where('is_active', '=', 1).executeTakeFirst())
  );
}

/** A slot that cannot be cut yet, and why, in words for the crew. */
export interface SlotProblem {
  slotNumber: number;
  message: string;
  /** The slot's length as the editor set it, seconds. */
  slotDuration: number;
}

/** A flight as far as it can be cut now: `clips` are the slots with readable footage, `problems` the rest. */
export interface FlightCut extends ExportSource {
  problems: SlotProblem[];
}

/** Everything an export needs, or the first slot's problem as an ExportProblem. */
export async function readExportSource(
  db: Kysely<Database>,
  dataDir: string,
  recordingId: string,
  utcOffsetMinutes: (at: Date) => number,
): Promise<ExportSource> {
  const cut = await readFlightCut(db, dataDir, recordingId, utcOffsetMinutes);
  if (!cut) throw new ExportProblem('This flight no longer exists.');
  if (cut.clips.length === 0 && cut.problems.length === 0) {
    throw new ExportProblem('This flight has no slots to export.');
  }
  const [problem] = cut.problems;
  if (problem) throw new ExportProblem(problem.message);
  return cut;
}

/** The flight's slots as far as they can be cut now (prerender cuts what is filmed); null for no flight. */
export async function readFlightCut(
  db: Kysely<Database>,
  dataDir: string,
  recordingId: string,
  utcOffsetMinutes: (at: Date) => number,
): Promise<FlightCut | null> {
  const recording = await db
    .selectFrom('flight_recordings as r')
    .leftJoin('users as pilot', 'pilot.id', 'r.pilot_id')
    .select(['r.id', 'r.passenger_names', 'r.flight_at', 'r.template_id', 'pilot.name as pilot_name'])
    .where('r.id', '=', recordingId)
    .executeTakeFirst();
  if (!recording) return null;

  const slots = await db
    .selectFrom('video_slots as v')
    .innerJoin('scene_recordings as s', 's.id', 'v.scene_id')
    .select([
      'v.slot_number',
      'v.camera_angle',
      'v.window_start',
      'v.slot_duration',
      's.scene_type',
      's.camera1_path',
      's.camera2_path',
      's.camera1_duration',
      's.camera2_duration',
      's.camera_offset_ms',
    ])
    .where('v.recording_id', '=', recordingId)
    .orderBy('v.slot_number')
    .execute();
  const clips: PlannedClip[] = [];
  const problems: SlotProblem[] = [];
  for (const slot of slots) {
    const problem = (message: string) =>
      problems.push({ slotNumber: slot.slot_number, message, slotDuration: slot.slot_duration });
    const angle = slot.camera_angle === 2 ? 2 : 1;
    const where = `Slot ${slot.slot_number} (${SCENE_WORDS[slot.scene_type]}, camera ${angle})`;
    const relative = angle === 1 ? slot.camera1_path : slot.camera2_path;
    if (!relative) {
      problem(
        `${where} has no footage: film the ${SCENE_WORDS[slot.scene_type]} scene, or put the slot on the other camera.`,
      );
      continue;
    }
    const file = resolveInside(dataDir, relative);
    const info = file
      ? await access(file, constants.R_OK)
          .then(() => stat(file))
          .then((found) => (found.isFile() && found.size > 0 ? found : null))
          .catch(() => null)
      : null;
    if (!file || !info) {
      problem(
        `${where}: the camera file ${relative} is missing from the kiosk's disk. Film the scene again, or put the slot on the other camera.`,
      );
      continue;
    }
    const fileStart = Math.max(0, fileTimeAt(slot.window_start, angle, slot.camera_offset_ms));
    const footage = angle === 1 ? slot.camera1_duration : slot.camera2_duration;
    // The editor keeps windows inside the footage; a file shorter than the database says (a recovered take)
    // is cut to what is there rather than failing the whole video.
    const duration =
      footage !== null ? Math.min(slot.slot_duration, Math.max(0, footage - fileStart)) : slot.slot_duration;
    if (duration < 0.1) {
      problem(
        `${where}: its window starts at ${roundMs(fileStart)} s, after the end of ${relative}. Move the window in the editor.`,
      );
      continue;
    }
    clips.push({
      slotNumber: slot.slot_number,
      file: path.resolve(file),
      fileStart: roundMs(fileStart),
      duration: roundMs(duration),
      fileIdentity: `${info.size}-${Math.round(info.mtimeMs)}`,
    });
  }

  const template = await templateOf(db, recording.template_id);
  const { date, time } = flightDateAndTime(
    recording.flight_at,
    utcOffsetMinutes(new Date(recording.flight_at)),
  );
  const titleText = fillTitlePattern(template?.title_pattern ?? '{passenger_names} - {flight_date}', {
    passenger_names: recording.passenger_names,
    flight_date: date,
    flight_time: time,
    pilot: recording.pilot_name ?? '',
  });
  return {
    recordingId,
    clips,
    firstSlotNumber: slots[0]?.slot_number ?? 1,
    problems,
    width: template?.output_width ?? DEFAULT_OUTPUT.width,
    height: template?.output_height ?? DEFAULT_OUTPUT.height,
    frameRate: template?.frame_rate ?? DEFAULT_OUTPUT.frameRate,
    introAsset: template?.intro_asset ?? null,
    outroAsset: template?.outro_asset ?? null,
    musicAsset: template?.music_asset ?? null,
    titleText: titleText.trim(),
  };
}
