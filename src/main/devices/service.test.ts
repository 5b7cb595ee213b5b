import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempDatabase } from '../../../db/test-support';
import type { TempDatabase } from '../../../db/test-support';
import {
  activateDeviceConfiguration,
  getActiveDeviceConfiguration,
  listDeviceConfigurations,
  saveDeviceConfiguration,
} from './service';

let t: TempDatabase;
beforeEach(async () => {
  t = await openTempDatabase();
});
afterEach(() => t.dispose());

describe('devices service', () => {
  it('starts with the seeded front/rear setup active', async () => {
    expect(await getActiveDeviceConfiguration(t.db)).toMatchObject({
      camera1_source: 'front',
      camera2_source: 'rear',
      width: 1280,
      height: 720,
      frame_rate: 30,
    });
  });

  it('adds a setup with front/rear sources unless told otherwise, inactive', async () => {
    const saved = await saveDeviceConfiguration(
      t.db,
      { name: 'Wing cameras', camera1_device_id: 'usb-1' },
      null,
    );
    expect(saved).toMatchObject({ camera1_source: 'front', camera2_source: 'rear', is_active: 0 });
    expect(await listDeviceConfigurations(t.db)).toHaveLength(2);
  });

  it('changes an existing setup', async () => {
    const saved = await saveDeviceConfiguration(t.db, { name: 'Wing cameras' }, null);
    const changed = await saveDeviceConfiguration(
      t.db,
      { id: saved.id, name: 'Wing cameras', camera2_source: 'wing' },
      null,
    );
    expect(changed).toMatchObject({ id: saved.id, camera2_source: 'wing' });
  });

  it('refuses to change a setup that does not exist', async () => {
    await expect(saveDeviceConfiguration(t.db, { id: 'gone', name: 'X' }, null)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('activates one setup and deactivates the other', async () => {
    const saved = await saveDeviceConfiguration(t.db, { name: 'Wing cameras', camera2_source: 'wing' }, null);
    await activateDeviceConfiguration(t.db, saved.id, null);
    expect((await getActiveDeviceConfiguration(t.db))?.id).toBe(saved.id);
    const active = await t.db
      .selectFrom('device_configurations')
      .select('id')
      .where('is_active', '=', 1)
      .execute();
    expect(active).toHaveLength(1);
  });

  it('keeps the current setup active when asked to activate one that does not exist', async () => {
    const before = await getActiveDeviceConfiguration(t.db);
    await expect(activateDeviceConfiguration(t.db, 'gone', null)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await getActiveDeviceConfiguration(t.db))?.id).toBe(before?.id);
  });
});
