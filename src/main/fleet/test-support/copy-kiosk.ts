// Fills the central database from a real kiosk database, for tests, the way a kiosk does it: its change log
// (sync/change-log.ts) read in batches and each batch pushed as that station through the same writer and
// policies the sync agent uses (sync/central-writer.ts), then marked pushed. What the fleet report then reads
// is what the sync really delivers; the agent's loop, retries and resumes have tests of their own.
import type { MagnumDatabase } from '../../../../db/open';
import { getCurrency } from '../../sales/service';
import type { CentralDb } from '../central/connect';
import { pushBatch } from '../sync/central-writer';
import { markPushed, readBatch } from '../sync/change-log';

export interface KioskStation {
  id: string;
  name: string;
  /** IANA zone of the kiosk's clock. */
  timeZone: string;
}

const BATCH = 500;

export async function copyKioskToCentral(
  kiosk: Pick<MagnumDatabase, 'db'>,
  central: CentralDb,
  station: KioskStation,
): Promise<void> {
  const pushing = { ...station, currency: await getCurrency(kiosk.db) };
  for (;;) {
    const entries = await readBatch(kiosk.db, { limit: BATCH });
    if (entries.length === 0) return;
    const upto = entries.at(-1)!.seq;
    await pushBatch(central, pushing, entries, upto);
    await markPushed(kiosk.db, upto);
  }
}
