// What the areas' handlers share besides their input: the database (or a plain refusal when it could not be
// opened), the clock, the kiosk's time zone and the PIN hashing cost. One object, so tests swap the clock.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { localDay, type LocalDay } from './access/rules';
import { AppFailure } from './errors';
import { DEFAULT_PIN_HASH_PARAMS, type PinHashParams } from './auth/pin';
import type { AppDatabase } from './system/database';

export interface DataAccess {
  /** The open database; throws UNAVAILABLE when it could not be opened. */
  db(): Kysely<Database>;
  now(): Date;
  /** Minutes east of UTC of the kiosk's clock at that moment: what "today" means for the crew's list. */
  utcOffsetMinutes(at: Date): number;
  pinParams: PinHashParams;
}

export const DATABASE_UNAVAILABLE =
  'The kiosk database is not open, so this cannot be done now. The home screen says why; restart the kiosk once it is fixed.';

export function createDataAccess(
  database: Pick<AppDatabase, 'handle'>,
  overrides: Partial<Omit<DataAccess, 'db'>> = {},
): DataAccess {
  return {
    db() {
      if (!database.handle) throw new AppFailure('UNAVAILABLE', DATABASE_UNAVAILABLE);
      return database.handle.db;
    },
    now: () => new Date(),
    // getTimezoneOffset is minutes *behind* UTC (UTC+2 gives -120).
    utcOffsetMinutes: (at) => -at.getTimezoneOffset(),
    pinParams: DEFAULT_PIN_HASH_PARAMS,
    ...overrides,
  };
}

/** Today on the kiosk's clock and in its time zone: what the access rules call "today's flights". */
export function kioskToday(data: Pick<DataAccess, 'now' | 'utcOffsetMinutes'>): LocalDay {
  const now = data.now();
  return localDay(now, data.utcOffsetMinutes(now));
}
