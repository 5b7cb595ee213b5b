// Who this kiosk is in the fleet: its station id, the airfield's name, its time zone and currency, as the
// central `stations` row records them. The id is the kiosk id the backups already keep (a file in the data
// folder, made once, carried by every backup), so a kiosk restored from its backup is the same station and its
// rows keep their one home; a second kiosk has its own.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import { kioskIdOf } from '../backups/engine/kiosk-id';
import { getCurrency } from '../sales/service';

export interface StationIdentity {
  stationId: string;
  /** The airfield's name the admin typed (empty until then). */
  name: string;
  /** IANA name of the computer's time zone, e.g. "Europe/Zurich": the kiosk's reports count days in it. */
  timeZone: string;
  /** ISO 4217 code copied onto every sale (settings.currency). */
  currency: string;
}

/** The time zone the kiosk's clock runs in, read when needed (the computer's setting may change). */
export function kioskTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export async function readStationIdentity(db: Kysely<Database>, dataDir: string): Promise<StationIdentity> {
  const [stationId, settings, currency] = await Promise.all([
    kioskIdOf(dataDir),
    db.selectFrom('fleet_settings').select('airfield_name').where('id', '=', 1).executeTakeFirst(),
    getCurrency(db),
  ]);
  return { stationId, name: settings?.airfield_name ?? '', timeZone: kioskTimeZone(), currency };
}
