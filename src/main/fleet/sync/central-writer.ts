// Writes one batch of a kiosk's change log into the fleet's central PostgreSQL, in ONE transaction as that
// station: its `stations` row, the batch's entries with the outcome of applying them in seq order (upserts keyed
// by (station_id, key), deletes by the same), and its cursor. Either all of it lands or none, so the cursor never claims a row that is not there;
// and writing the same batch again leaves the same rows, so a push cut short is simply sent again.
//
// Rows are written with the contract's columns only (src/main/fleet/tables.ts) and the station's own id: a
// kiosk has no way to name another station's row, and the database's row rules refuse it besides.
import type { Transaction } from 'kysely';
import { asStation } from '../central/connect';
import type { CentralDb, CentralTransaction } from '../central/connect';
import type { StationIdentity } from '../station';
import { SYNCED_TABLES, syncedTable } from '../tables';
import type { SyncedTable } from '../tables';
import type { SyncEntry, SyncValue } from './change-log';

/** The kiosk as the central `stations` row records it. */
export interface PushingStation {
  id: string;
  /** The airfield's name; the station id stands in while the admin has not typed one. */
  name: string;
  /** IANA zone ("Europe/Zurich"). */
  timeZone: string;
  /** ISO 4217 ("CHF"). */
  currency: string;
}

/** The kiosk's identity (src/main/fleet/station.ts) as its `stations` row records it. */
export const pushingStationOf = (identity: StationIdentity): PushingStation => ({
  id: identity.stationId,
  name: identity.name,
  timeZone: identity.timeZone,
  currency: identity.currency,
});

export interface PushResult {
  /** Rows inserted, updated or deleted centrally. */
  rows: number;
  /** The station's cursor after the push (never lower than before). */
  cursor: number;
}

/** PostgreSQL takes at most this many bind parameters in one statement. */
const MAX_PARAMETERS = 65_535;
/** Rows per statement at most: past a few hundred, a bigger statement is no faster, only longer to build. */
const MAX_ROWS_PER_STATEMENT = 1_000;

/** The mirror tables by name, for the builder: their names and columns come from the contract at run time. */
type LooseTransaction = Transaction<Record<string, Record<string, SyncValue>>>;

/** What one batch does to one table: the rows it writes and the keys it deletes. */
interface TableChanges {
  table: SyncedTable;
  upserts: Map<string, Record<string, SyncValue>>;
  deletes: Set<string>;
}

/**
 * The batch's outcome per table, as if its entries were applied one by one in seq order: each row's last entry
 * wins. Central rows are independent of each other (no foreign keys or UNIQUE constraints between them:
 * migration 1's header), so the rows of a table can then be written in a few statements whatever their order
 * in the log: a batch interleaves tables (a flight, its scenes, its slots, the next flight...), and a statement
 * per run of one table would cost a round trip per two or three rows.
 */
function changesByTable(entries: readonly SyncEntry[]): TableChanges[] {
  const byTable = new Map<string, TableChanges>();
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    const table = syncedTable(entry.table);
    if (!table) throw new Error(`The change log names a table the fleet does not know: ${entry.table}.`);
    let changes = byTable.get(table.table);
    if (!changes) {
      changes = { table, upserts: new Map(), deletes: new Set() };
      byTable.set(table.table, changes);
    }
    if (entry.op === 'upsert') {
      changes.deletes.delete(entry.key);
      changes.upserts.set(entry.key, entry.row);
    } else {
      changes.upserts.delete(entry.key);
      changes.deletes.add(entry.key);
    }
  }
  // In the contract's order, what others point at first: easier to follow in the server's statement log.
  return SYNCED_TABLES.flatMap((table) => byTable.get(table.table) ?? []);
}

/** The row as the central table holds it: the contract's columns in order, and this station's id. */
function centralRow(
  table: SyncedTable,
  key: string,
  row: Record<string, SyncValue>,
  stationId: string,
): Record<string, SyncValue> {
  if (String(row[table.key]) !== key) {
    throw new Error(
      `The change log's ${table.table} row ${key} holds another key (${String(row[table.key])}).`,
    );
  }
  const values: Record<string, SyncValue> = { station_id: stationId };
  for (const column of table.columns) {
    const value = row[column];
    if (value === undefined) {
      throw new Error(`The change log's ${table.table} row ${key} lacks the column ${column}.`);
    }
    values[column] = value;
  }
  return values;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function writeTable(trx: LooseTransaction, changes: TableChanges, stationId: string): Promise<number> {
  const { table } = changes;
  let written = 0;
  for (const keys of chunks([...changes.deletes], MAX_ROWS_PER_STATEMENT)) {
    const result = await trx
      .deleteFrom(table.table)
      .where('station_id', '=', stationId)
      .where(table.key, 'in', keys)
      .executeTakeFirst();
    written += Number(result.numDeletedRows);
  }

  const rows = [...changes.upserts].map(([key, row]) => centralRow(table, key, row, stationId));
  const perStatement = Math.min(
    MAX_ROWS_PER_STATEMENT,
    Math.floor(MAX_PARAMETERS / (table.columns.length + 1)),
  );
  const updated = table.columns.filter((column) => column !== table.key);
  for (const part of chunks(rows, perStatement)) {
    const result = await trx
      .insertInto(table.table)
      .values(part)
      .onConflict((conflict) =>
        conflict
          .columns(['station_id', table.key])
          .doUpdateSet((eb) =>
            Object.fromEntries(updated.map((column) => [column, eb.ref(`excluded.${column}`)])),
          ),
      )
      .executeTakeFirst();
    written += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return written;
}

/** The station's own row: made by its first push, kept up to date (name, zone, currency) by later ones. */
async function upsertStation(trx: CentralTransaction, station: PushingStation, now: string): Promise<void> {
  await trx
    .insertInto('stations')
    .values({
      id: station.id,
      name: station.name.trim() === '' ? station.id : station.name,
      time_zone: station.timeZone,
      currency: station.currency,
      created_at: now,
      updated_at: now,
    })
    .onConflict((conflict) =>
      conflict
        .column('id')
        .doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          time_zone: eb.ref('excluded.time_zone'),
          currency: eb.ref('excluded.currency'),
          updated_at: eb.ref('excluded.updated_at'),
        }))
        // Untouched while nothing changed, so updated_at says when the airfield's details last changed.
        .where((eb) =>
          eb.or([
            eb('stations.name', 'is distinct from', eb.ref('excluded.name')),
            eb('stations.time_zone', 'is distinct from', eb.ref('excluded.time_zone')),
            eb('stations.currency', 'is distinct from', eb.ref('excluded.currency')),
          ]),
        ),
    )
    .execute();
}

/** Moves the station's cursor to `uptoSeq`, or leaves it where it is when it is already further. */
async function advanceCursor(
  trx: CentralTransaction,
  stationId: string,
  uptoSeq: number,
  now: string,
): Promise<number> {
  const row = await trx
    .insertInto('fleet_sync_cursors')
    .values({ station_id: stationId, last_seq: uptoSeq, updated_at: now })
    .onConflict((conflict) =>
      conflict.column('station_id').doUpdateSet((eb) => ({
        last_seq: eb.fn<number>('greatest', [
          eb.ref('fleet_sync_cursors.last_seq'),
          eb.ref('excluded.last_seq'),
        ]),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return row.last_seq;
}

/**
 * Writes `entries` (change-log entries with seq ≤ `uptoSeq`) as `station`, and moves its cursor to `uptoSeq`,
 * all in one transaction. Each table's rows go in multi-row statements. Throws what PostgreSQL
 * threw (explainCentralError turns it into plain words); nothing of the batch is kept then.
 */
export async function pushBatch(
  central: CentralDb,
  station: PushingStation,
  entries: readonly SyncEntry[],
  uptoSeq: number,
  now = new Date(),
): Promise<PushResult> {
  if (!Number.isSafeInteger(uptoSeq) || uptoSeq < 0) {
    throw new Error(`A push needs the change log's seq it reaches (a whole number ≥ 0), not ${uptoSeq}.`);
  }
  const beyond = entries.find((entry) => entry.seq > uptoSeq);
  if (beyond) throw new Error(`Entry ${beyond.seq} lies beyond the batch's end (${uptoSeq}).`);
  const tables = changesByTable(entries);
  const at = now.toISOString();
  return await asStation(central, station.id, async (trx) => {
    await upsertStation(trx, station, at);
    let rows = 0;
    for (const changes of tables) {
      rows += await writeTable(trx as unknown as LooseTransaction, changes, station.id);
    }
    const cursor = await advanceCursor(trx, station.id, uptoSeq, at);
    return { rows, cursor };
  });
}

/** The last change-log seq the central copy holds for this station (0 before its first push). */
export async function readCentralCursor(central: CentralDb, stationId: string): Promise<number> {
  return await asStation(central, stationId, async (trx) => {
    const row = await trx
      .selectFrom('fleet_sync_cursors')
      .select('last_seq')
      .where('station_id', '=', stationId)
      .executeTakeFirst();
    return row?.last_seq ?? 0;
  });
}
