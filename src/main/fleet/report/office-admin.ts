// Who the office's fleet report (npm run fleet:report) is read as. The central database's policies need an
// acting user, and only an admin sees every airfield; the office has no kiosk to sign in at, so the operator
// names an admin of one of the kiosks (--user, their name as the kiosk shows it, or their id), and the report is
// read as that person. What lets the office in is the app role's password in the URL (README, "Trust model":
// whoever holds it may act as anyone); naming a real, active admin keeps the identity the policies check a
// person of the fleet rather than a made-up one.
import { asUser, type CentralDb } from '../central/connect';

export interface OfficeAdmin {
  id: string;
  name: string;
  stationId: string;
  /** The airfield the admin belongs to, by name. */
  airfield: string;
}

/** What the lookup transaction claims to be: an admin, as the office reading the people (README). */
const LOOKUP = 'fleet-report';

/** Thrown when no admin, or not one admin, answers to what the operator gave; says what to do. */
export class OfficeAdminError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OfficeAdminError';
  }
}

/** The active admin `wanted` names (a name, any case, or an id), or the fleet's only admin when none is named. */
export async function findOfficeAdmin(db: CentralDb, wanted: string | undefined): Promise<OfficeAdmin> {
  const admins = await asUser(db, { userId: LOOKUP, role: 'admin' }, async (trx) => {
    return await trx
      .selectFrom('users as u')
      .innerJoin('stations as s', 's.id', 'u.station_id')
      .select(['u.id', 'u.name', 'u.station_id as stationId', 's.name as airfield'])
      .where('u.role', '=', 'admin')
      .where('u.active', '=', 1)
      .orderBy('s.name')
      .orderBy('u.station_id')
      .orderBy('u.id')
      .execute();
  });
  const names = [...new Set(admins.map((admin) => `${admin.name} (${admin.airfield})`))].join(', ');
  if (admins.length === 0) {
    throw new OfficeAdminError(
      'The central database has no active admin yet, and the report is read as one: wait until a kiosk has ' +
        'sent its people (it does so when it syncs), then try again.',
    );
  }
  if (wanted === undefined) {
    const people = new Set(admins.map((admin) => admin.name));
    if (people.size === 1 && admins[0]) return admins[0];
    throw new OfficeAdminError(
      `Say which admin reads the report: --user NAME. Admins of the fleet: ${names}.`,
    );
  }
  const key = wanted.trim().toLowerCase();
  // The same manager at several kiosks is one person under one name: the first of them will do.
  const found =
    admins.find((admin) => admin.id === wanted.trim()) ??
    admins.find((admin) => admin.name.trim().toLowerCase() === key);
  if (!found) {
    throw new OfficeAdminError(
      `No active admin of the fleet is called "${wanted}". Give an admin's name as their kiosk shows it, or ` +
        `their id. Admins of the fleet: ${names}.`,
    );
  }
  return found;
}
