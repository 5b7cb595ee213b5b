// The dashboard's search (and so sales.ready's, which reads the same list) against a real database: names in
// any script match whatever their case, through fold_case on the connection (db/unicode.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtures, openTempDatabase, type TempDatabase } from '../../../db/test-support';
import type { Viewer } from '../access/rules';
import { listRecordings, type KioskClock } from './list';

const CLOCK: KioskClock = { now: new Date('2025-06-01T09:00:00.000Z'), utcOffsetMinutes: () => 0 };

let t: TempDatabase;
let admin: Viewer;

beforeAll(async () => {
  t = await openTempDatabase();
  const f = fixtures(t.sqlite);
  admin = { id: f.user({ name: 'Maria Lopez', role: 'admin' }).id, role: 'admin' };
  for (const passenger_names of ['Ørjan Østby', 'Élise Dubois', 'Hans Straße', 'Σοφία Παππά', 'Anna Keller'])
    f.recording({ passenger_names });
});
afterAll(() => t.dispose());

const found = async (search: string) =>
  (await listRecordings(t.db, admin, { limit: 50, offset: 0, search }, CLOCK)).items.map(
    (item) => item.passengerNames,
  );

describe('listRecordings search', () => {
  it('finds "Ørjan" by "ørjan" and "ØRJAN"', async () => {
    expect(await found('ørjan')).toEqual(['Ørjan Østby']);
    expect(await found('ØRJAN')).toEqual(['Ørjan Østby']);
  });

  it('finds accented capitals by their small letters, composed or not', async () => {
    expect(await found('élise')).toEqual(['Élise Dubois']);
    expect(await found('e\u0301lise')).toEqual(['Élise Dubois']);
    expect(await found('σοφία')).toEqual(['Σοφία Παππά']);
  });

  it('folds case fully: "STRASSE" finds "Straße"', async () => {
    expect(await found('STRASSE')).toEqual(['Hans Straße']);
    expect(await found('straße')).toEqual(['Hans Straße']);
  });

  it('folds a plain-ASCII name the same way, whatever script the search is typed in', async () => {
    expect(await found('KELLER')).toEqual(['Anna Keller']);
    // The Kelvin sign and full-width letters fold to plain k and e, which an ASCII name holds.
    expect(await found('\u212Aeller')).toEqual(['Anna Keller']);
    expect(await found('ｋｅｌｌｅｒ')).toEqual(['Anna Keller']);
  });

  it('does not strip accents: "elise" is another name', async () => {
    expect(await found('elise')).toEqual([]);
  });
});
