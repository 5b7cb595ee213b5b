// The files check: every file under <dataDir>/media/ against the storage rows. A row whose file is gone is
// "missing"; a file no row knows is an "orphan", sorted by what it is:
// - a working file of a take, a video or a photo import (or a scene being filmed now): left alone, the kiosk tidies
//   those itself;
// - a file the database points at (a scene's footage, a video or its poster, a made or imported photo) whose row
//   is missing: "adopt" gives it its row back, so it is counted and the retention rules can see it;
// - anything else (an earlier take's footage, a flight that is no longer here, footage the retention rules removed
//   but that stayed on disk): "delete", after the admin confirms the list.
// Adopting never guesses: a file nothing points at is never adopted. Classification is pure; the walk and the
// queries are at the edges.
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database, StorageKind } from '../../../db/schema';
import type { FilesCheck, MissingFile, OrphanFile } from '../../shared/storage';
import { isTakeWorkingFile, isUnreadableFile } from '../capture/formats';
import { JOURNAL_FILE } from '../capture/take-journal';
import { posterPathOf } from '../exports/jobs';

export const MEDIA_FOLDER = 'media';

export interface DiskFile {
  /** Relative to the data folder, forward slashes: 'media/<flight>/…'. */
  path: string;
  bytes: number;
}

export interface CheckFacts {
  rows: ReadonlyArray<{ path: string; kind: StorageKind; recordingId: string; bytes: number }>;
  flights: ReadonlyMap<
    string,
    {
      passengerNames: string;
      /** When the retention rules removed its raw footage, else null. */
      rawRemovedAt: string | null;
      /** 'media/<id>/<scene type>/' of scenes being filmed now. */
      filmingFolders: readonly string[];
    }
  >;
  /** Files the database points at, by path. */
  references: ReadonlyMap<string, { kind: StorageKind; recordingId: string; sceneId: string | null }>;
  /** Folders whose files are a completed photos job's photos ('media/<id>/photos/<job>/'). */
  photoFolders: ReadonlyMap<string, string>;
}

/** An orphan with what adopting it would record (only for `adopt`). */
export interface ClassifiedOrphan extends OrphanFile {
  adopt: { kind: StorageKind; recordingId: string; sceneId: string | null } | null;
}

const MISSING_ADVICE: Record<StorageKind, string> = {
  raw: 'The footage file is gone from the disk. If a backup holds it, restore that backup; otherwise this scene can no longer be watched or edited.',
  export:
    'The souvenir video file is gone. Make the video again on the flight’s Edit screen (the footage is still there).',
  photo: 'This photo is gone. Make the photos again, or import them again from the photographer’s card.',
  thumbnail: 'Only a preview picture of a video: it is made again with the next video. Nothing to do.',
};

/** Names capture, the export queue and the photo import give files while they work on them. */
function isWorkingFile(relative: string): boolean {
  const name = relative.slice(relative.lastIndexOf('/') + 1);
  return (
    isTakeWorkingFile(name) ||
    isUnreadableFile(name) ||
    name === JOURNAL_FILE ||
    /\.(tmp|part)$/.test(name) ||
    name.endsWith('.concat.txt') ||
    relative.split('/').some((part) => part.includes('.partial'))
  );
}

const recordingIdOf = (relative: string): string | null => {
  const parts = relative.split('/');
  return parts.length >= 3 && parts[0] === MEDIA_FOLDER ? (parts[1] ?? null) : null;
};

function orphanOf(file: DiskFile, facts: CheckFacts): ClassifiedOrphan {
  const recordingId = recordingIdOf(file.path);
  const flight = recordingId ? facts.flights.get(recordingId) : undefined;
  const base = {
    path: file.path,
    bytes: file.bytes,
    recordingId: flight ? recordingId : null,
    passengerNames: flight?.passengerNames ?? null,
  };
  const leave = (whatToDo: string): ClassifiedOrphan => ({ ...base, action: 'none', whatToDo, adopt: null });
  const remove = (whatToDo: string): ClassifiedOrphan => ({
    ...base,
    action: 'delete',
    whatToDo,
    adopt: null,
  });

  if (flight?.filmingFolders.some((folder) => file.path.startsWith(folder)))
    return leave('This scene is being filmed right now. Nothing to do.');
  if (isWorkingFile(file.path))
    return leave(
      'A working file of filming, a video or a photo import. The kiosk removes it by itself when that work ends or at the next start.',
    );
  if (!flight)
    return remove(
      'Left from a flight that is no longer on this kiosk. Delete it (the newest backup may still hold it).',
    );
  const reference = facts.references.get(file.path);
  const photoJob = [...facts.photoFolders.keys()].find((folder) => file.path.startsWith(folder));
  if (reference?.kind === 'raw' && flight.rawRemovedAt)
    return remove(
      `The storage rules removed this footage on ${flight.rawRemovedAt.slice(0, 10)}, but the file stayed on the disk. Delete it.`,
    );
  if (reference || photoJob) {
    return {
      ...base,
      action: 'adopt',
      whatToDo:
        'The flight uses this file, but the storage figures do not count it. Adopt it, so it is counted and the retention rules can see it.',
      adopt: reference ?? { kind: 'photo', recordingId: recordingId!, sceneId: null },
    };
  }
  return remove(
    'Nothing on this kiosk uses this file (for example the footage of an earlier take). Delete it, unless support asked you to keep it.',
  );
}

/** Pure: the missing rows and the orphans, from the files on disk and what the database knows. */
export function classifyFiles(
  disk: readonly DiskFile[],
  facts: CheckFacts,
): { missing: MissingFile[]; orphans: ClassifiedOrphan[] } {
  const onDisk = new Set(disk.map((file) => file.path));
  const known = new Set(facts.rows.map((row) => row.path));
  const missing = facts.rows
    .filter((row) => !onDisk.has(row.path))
    .map((row) => ({
      path: row.path,
      kind: row.kind,
      recordingId: row.recordingId,
      passengerNames: facts.flights.get(row.recordingId)?.passengerNames ?? '',
      bytes: row.bytes,
      whatToDo: MISSING_ADVICE[row.kind],
    }));
  const orphans = disk.filter((file) => !known.has(file.path)).map((file) => orphanOf(file, facts));
  return { missing, orphans };
}

/** Every file under the media folder (symlinks are listed, never followed), with its size. */
export async function walkMedia(dataDir: string, onFile?: (count: number) => void): Promise<DiskFile[]> {
  const files: DiskFile[] = [];
  const visit = async (relative: string): Promise<void> => {
    const entries = await readdir(path.join(dataDir, ...relative.split('/')), { withFileTypes: true }).catch(
      () => [],
    );
    for (const entry of entries) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        await visit(child);
        continue;
      }
      const info = await lstat(path.join(dataDir, ...child.split('/'))).catch(() => null);
      if (!info) continue;
      files.push({ path: child, bytes: info.isFile() ? info.size : 0 });
      onFile?.(files.length);
    }
  };
  await visit(MEDIA_FOLDER);
  return files;
}

/** What classifyFiles needs from the database. */
export async function readCheckFacts(db: Kysely<Database>): Promise<CheckFacts> {
  const [rows, flights, removals, scenes, jobs, photos] = await Promise.all([
    db.selectFrom('storage_usage').select(['path', 'kind', 'recording_id', 'bytes']).execute(),
    db.selectFrom('flight_recordings').select(['id', 'passenger_names']).execute(),
    db
      .selectFrom('media_removals')
      .select(['recording_id', (eb) => eb.fn.max('removed_at').as('at')])
      .where('kind', '=', 'raw')
      .groupBy('recording_id')
      .execute(),
    db
      .selectFrom('scene_recordings')
      .select(['id', 'recording_id', 'scene_type', 'status', 'camera1_path', 'camera2_path'])
      .execute(),
    db
      .selectFrom('export_jobs')
      .select(['recording_id', 'kind', 'output_path'])
      .where('status', '=', 'completed')
      .where('output_path', 'is not', null)
      .execute(),
    db.selectFrom('photo_imports').select(['recording_id', 'path']).execute(),
  ]);
  const removedAt = new Map(removals.map((r) => [r.recording_id, r.at]));
  const filming = new Map<string, string[]>();
  const references = new Map<string, { kind: StorageKind; recordingId: string; sceneId: string | null }>();
  for (const scene of scenes) {
    if (scene.status === 'recording') {
      const folders = filming.get(scene.recording_id) ?? [];
      folders.push(`${MEDIA_FOLDER}/${scene.recording_id}/${scene.scene_type}/`);
      filming.set(scene.recording_id, folders);
    }
    for (const file of [scene.camera1_path, scene.camera2_path]) {
      if (file) references.set(file, { kind: 'raw', recordingId: scene.recording_id, sceneId: scene.id });
    }
  }
  const photoFolders = new Map<string, string>();
  for (const job of jobs) {
    const output = job.output_path!;
    if (job.kind === 'video') {
      references.set(output, { kind: 'export', recordingId: job.recording_id, sceneId: null });
      references.set(posterPathOf(output), {
        kind: 'thumbnail',
        recordingId: job.recording_id,
        sceneId: null,
      });
    } else {
      photoFolders.set(`${output}/`, job.recording_id);
    }
  }
  for (const photo of photos)
    references.set(photo.path, { kind: 'photo', recordingId: photo.recording_id, sceneId: null });
  return {
    rows: rows.map((row) => ({
      path: row.path,
      kind: row.kind,
      recordingId: row.recording_id,
      bytes: row.bytes,
    })),
    flights: new Map(
      flights.map((flight) => [
        flight.id,
        {
          passengerNames: flight.passenger_names,
          rawRemovedAt: removedAt.get(flight.id) ?? null,
          filmingFolders: filming.get(flight.id) ?? [],
        },
      ]),
    ),
    references,
    photoFolders,
  };
}

/** Runs the check: the walk, the facts, the classification. */
export async function checkFiles(
  db: Kysely<Database>,
  dataDir: string,
  now: Date,
  onFile?: (count: number) => void,
): Promise<Omit<FilesCheck, 'orphans'> & { orphans: ClassifiedOrphan[] }> {
  const disk = await walkMedia(dataDir, onFile);
  const facts = await readCheckFacts(db);
  // Rows outside the media folder (none are written there today) are looked up one by one.
  for (const row of facts.rows) {
    if (row.path.startsWith(`${MEDIA_FOLDER}/`)) continue;
    const info = await lstat(path.join(dataDir, ...row.path.split('/'))).catch(() => null);
    if (info) disk.push({ path: row.path, bytes: info.size });
  }
  const { missing, orphans } = classifyFiles(disk, facts);
  return {
    checkedAt: now.toISOString(),
    filesOnDisk: disk.length,
    rowsChecked: facts.rows.length,
    missing,
    orphans,
  };
}
