// Fills the central database from a real kiosk database, for tests: the kiosk's stations row and every table of
// the contract (tables.ts), the listed columns as the kiosk stores them, pushed as that station through the
// same policies a kiosk's push meets. A stand-in for the sync (src/main/fleet/sync), which tests of its own cover.
import type { MagnumDatabase } from '../../../../db/open';
import { getCurrency } from '../../sales/service';
import { asStation } from '../central/connect';
import type { CentralDb } from '../central/connect';
import type { CentralTableName } from '../central/schema';
import { SYNCED_TABLES } from '../tables';

export interface KioskStation {
  id: string;
  name: string;
  /** IANA zone of the kiosk's clock. */
  timeZone: string;
}

const CHUNK = 200;

export async function copyKioskToCentral(
  kiosk: Pick<MagnumDatabase, 'db' | 'sqlite'>,
  central: CentralDb,
  station: KioskStation,
): Promise<void> {
  const currency = await getCurrency(kiosk.db);
  const at = new Date().toISOString();
  await asStation(central, station.id, async (trx) => {
    await trx
      .insertInto('stations')
      .values({
        id: station.id,
        name: station.name,
        time_zone: station.timeZone,
        currency,
        created_at: at,
        updated_at: at,
      })
      .execute();
    for (const { table, columns } of SYNCED_TABLES) {
      const rows = kiosk.sqlite
        .prepare(`SELECT ${columns.join(', ')} FROM ${table}`)
        .all()
        .map((row) => ({ ...(row as Record<string, unknown>), station_id: station.id }));
      for (let i = 0; i < rows.length; i += CHUNK) {
        await trx
          .insertInto(table as CentralTableName)
          .values(rows.slice(i, i + CHUNK) as never)
          .execute();
      }
    }
  });
}
