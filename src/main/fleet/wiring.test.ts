// The fleet report's connection as the app wires it: none while no address is saved; once one is, a pool that
// reaches the central database as the kiosks' role (the policies apply), replaced when the password changes.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser } from './central/connect';
import { openTestKiosk, startFleetDatabase, type FleetDatabase, type TestKiosk } from './sync/test-support';
import { wireFleet } from './wiring';

let fleet: FleetDatabase;
let kiosk: TestKiosk;

beforeAll(async () => {
  fleet = await startFleetDatabase();
  kiosk = await openTestKiosk();
}, 60_000);

afterAll(async () => {
  await kiosk?.close();
  await fleet?.stop();
});

describe('the fleet report connection', () => {
  it('is there once an address is saved, reaches the database as the kiosks role, and follows changes', async () => {
    const wiring = wireFleet({
      data: kiosk.data,
      dataDir: kiosk.dir,
      logger: kiosk.logger,
      events: { emit() {} },
      boxes: kiosk.boxes,
      syncTiming: { checkEveryMs: 3_600_000 },
    });
    try {
      expect(await wiring.centralFor()).toBeNull();

      await kiosk.saveCentral(fleet.appUrl, { enabled: false });
      const first = await wiring.centralFor();
      expect(first).not.toBeNull();
      expect(await wiring.centralFor()).toBe(first);
      const who = await asUser(first!.db, { userId: 'someone', role: 'admin' }, (trx) =>
        sql<{ user: string }>`SELECT current_user AS user`.execute(trx),
      );
      expect(who.rows[0]!.user).toBe('magnum_app');

      // A wrong password: a new pool, whose first query is refused in the server's words.
      const wrong = new URL(fleet.appUrl);
      wrong.password = 'not-the-password-at-all';
      await kiosk.saveCentral(wrong.toString(), { enabled: false });
      const second = await wiring.centralFor();
      expect(second).not.toBe(first);
      await expect(sql`SELECT 1`.execute(second!.db)).rejects.toThrow(/password authentication failed/);
    } finally {
      await wiring.close();
    }
  });
});
