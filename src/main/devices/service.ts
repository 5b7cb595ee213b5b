// Camera setups: which device is camera 1 and camera 2, what each films (front/rear by default), and how.
// One is active; new scenes copy its sources so a later change never relabels old footage.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { writeAuditLog } from '../../../db/audit';
import type { Database, DeviceConfiguration } from '../../../db/schema';
import type { CameraSetup } from '../../shared/devices';
import { AppFailure } from '../errors';

export const DEFAULT_CAMERA_SOURCES = { camera1_source: 'front', camera2_source: 'rear' } as const;

export interface DeviceConfigurationInput {
  /** Omit to add a new setup; give it to change an existing one. */
  id?: string;
  name: string;
  camera1_device_id?: string | null;
  camera1_label?: string | null;
  camera1_source?: string;
  camera2_device_id?: string | null;
  camera2_label?: string | null;
  camera2_source?: string;
  width?: number;
  height?: number;
  frame_rate?: number;
  bitrate?: number;
}

export async function getActiveDeviceConfiguration(
  db: Kysely<Database>,
): Promise<DeviceConfiguration | null> {
  return (
    (await db
      .selectFrom('device_configurations')
      .selectAll()
      .where('is_active', '=', 1)
      .executeTakeFirst()) ?? null
  );
}

export async function listDeviceConfigurations(db: Kysely<Database>): Promise<DeviceConfiguration[]> {
  return db.selectFrom('device_configurations').selectAll().orderBy('created_at').execute();
}

/** Adds or changes a camera setup (not its active flag: see activateDeviceConfiguration). */
export async function saveDeviceConfiguration(
  db: Kysely<Database>,
  input: DeviceConfigurationInput,
  actingUserId: string | null,
): Promise<DeviceConfiguration> {
  const { id, ...fields } = input;
  const values = { ...fields, name: input.name.trim(), updated_at: new Date().toISOString() };
  if (!values.name) throw new AppFailure('VALIDATION', 'A camera setup needs a name.');
  return db.transaction().execute(async (trx) => {
    const row = id
      ? await trx
          .updateTable('device_configurations')
          .set(values)
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst()
      : await trx
          .insertInto('device_configurations')
          .values({ ...DEFAULT_CAMERA_SOURCES, ...values, id: randomUUID() })
          .returningAll()
          .executeTakeFirstOrThrow();
    if (!row) throw new AppFailure('NOT_FOUND', 'That camera setup no longer exists.');
    await writeAuditLog(trx, {
      userId: actingUserId,
      action: id ? 'update' : 'create',
      entityType: 'device_configuration',
      entityId: row.id,
      after: fields,
    });
    return row;
  });
}

export async function activateDeviceConfiguration(
  db: Kysely<Database>,
  id: string,
  actingUserId: string | null,
): Promise<DeviceConfiguration> {
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    // Deactivate first: the partial unique index allows only one active row at any moment.
    await trx
      .updateTable('device_configurations')
      .set({ is_active: 0, updated_at: now })
      .where('is_active', '=', 1)
      .execute();
    const row = await trx
      .updateTable('device_configurations')
      .set({ is_active: 1, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppFailure('NOT_FOUND', 'That camera setup no longer exists.');
    await writeAuditLog(trx, {
      userId: actingUserId,
      action: 'activate',
      entityType: 'device_configuration',
      entityId: id,
    });
    return row;
  });
}

const DEFAULT_SETUP_NAME = 'Kiosk cameras';

/** The active setup as the screen sees it; the schema's defaults while none has been saved. */
export function cameraSetupView(row: DeviceConfiguration | null): CameraSetup {
  return {
    id: row?.id ?? null,
    camera1: {
      deviceId: row?.camera1_device_id ?? null,
      label: row?.camera1_label ?? null,
      source: row?.camera1_source ?? DEFAULT_CAMERA_SOURCES.camera1_source,
    },
    camera2: {
      deviceId: row?.camera2_device_id ?? null,
      label: row?.camera2_label ?? null,
      source: row?.camera2_source ?? DEFAULT_CAMERA_SOURCES.camera2_source,
    },
    width: row?.width ?? 1280,
    height: row?.height ?? 720,
    frameRate: row?.frame_rate ?? 30,
    bitrate: row?.bitrate ?? 4_000_000,
    updatedAt: row?.updated_at ?? null,
  };
}

export type CameraSetupInput = Omit<CameraSetup, 'id' | 'updatedAt'>;

/**
 * The camera setup screen edits one setup: the active one, created and activated the first time. Each save
 * is one audited change; scenes already recorded keep the sources they copied.
 */
export async function saveActiveCameraSetup(
  db: Kysely<Database>,
  input: CameraSetupInput,
  actingUserId: string | null,
): Promise<CameraSetup> {
  const active = await getActiveDeviceConfiguration(db);
  const saved = await saveDeviceConfiguration(
    db,
    {
      id: active?.id,
      name: active?.name ?? DEFAULT_SETUP_NAME,
      camera1_device_id: input.camera1.deviceId,
      camera1_label: input.camera1.label || null,
      camera1_source: input.camera1.source,
      camera2_device_id: input.camera2.deviceId,
      camera2_label: input.camera2.label || null,
      camera2_source: input.camera2.source,
      width: input.width,
      height: input.height,
      frame_rate: input.frameRate,
      bitrate: input.bitrate,
    },
    actingUserId,
  );
  return cameraSetupView(active ? saved : await activateDeviceConfiguration(db, saved.id, actingUserId));
}
