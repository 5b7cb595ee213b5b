// The kiosk's side of a push to the fleet's central database: which rows changed since the last push, read in
// the order they changed, with their current values (migration 13's triggers fill the log). A push reads a
// batch, writes it centrally, then marks it pushed; a cut anywhere in between only means the same upserts are
// sent again, which the central side takes as they are (idempotent, keyed by station and id).
import type { Kysely, Transaction } from 'kysely';
import type { Database, SyncState } from '../../../../db/schema';
import { syncedTable, type SyncedTableName } from '../tables';

/** A column's value as the kiosk stores it: ISO text times, 0/1 flags, numbers, text, or nothing. */
export type SyncValue = string | number | null;

export type SyncEntry =
  | {
      seq: number;
      table: SyncedTableName;
      key: string;
      op: 'upsert';
      /** The contract's columns of the row as it is now (src/main/fleet/tables.ts), the key first. */
      row: Record<string, SyncValue>;
    }
  | { seq: number; table: SyncedTableName; key: string; op: 'delete' };

/** The most entries one batch may hold: each table's rows are then read with one IN list of at most this. */
export const MAX_BATCH = 1000;

/** Plain words are short: the status strip shows the reason on one line. */
const MAX_ERROR_LENGTH = 500;

/** Runs `read` in one transaction, so the log and the rows it names are read at the same moment. */
async function inOneReading<T>(
  db: Kysely<Database>,
  read: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return read(db);
  return db.transaction().execute((trx: Transaction<Database>) => read(trx));
}

/**
 * Up to `limit` entries after `afterSeq`, in seq order. An upsert carries the row's current values (one query
 * per table per batch); an upsert whose row is gone (it cannot happen through the triggers, but an old backup
 * put back can leave one) is sent as a delete.
 */
export async function readBatch(
  db: Kysely<Database>,
  options: { afterSeq?: number; limit: number },
): Promise<SyncEntry[]> {
  const limit = Math.max(1, Math.min(MAX_BATCH, Math.trunc(options.limit)));
  return inOneReading(db, async (trx) => {
    const changes = await trx
      .selectFrom('sync_changes')
      .select(['seq', 'table_name', 'row_key', 'op'])
      .where('seq', '>', options.afterSeq ?? 0)
      .orderBy('seq')
      .limit(limit)
      .execute();

    const upsertKeys = new Map<string, string[]>();
    for (const change of changes) {
      if (change.op !== 'upsert') continue;
      const keys = upsertKeys.get(change.table_name) ?? [];
      keys.push(change.row_key);
      upsertKeys.set(change.table_name, keys);
    }
    const rowsByTable = new Map<string, Map<string, Record<string, SyncValue>>>();
    for (const [tableName, keys] of upsertKeys) {
      const table = syncedTable(tableName);
      if (!table) throw new Error(`The change log names a table the fleet does not know: ${tableName}.`);
      // The table and columns come from the contract, not from Database's types: a loosely typed builder,
      // still no SQL text.
      const rows = (await (trx as unknown as Kysely<Record<string, Record<string, SyncValue>>>)
        .selectFrom(table.table)
        .select([...table.columns])
        .where(table.key, 'in', keys)
        .execute()) as Array<Record<string, SyncValue>>;
      rowsByTable.set(tableName, new Map(rows.map((row) => [String(row[table.key]), row])));
    }

    return changes.map((change): SyncEntry => {
      const table = change.table_name as SyncedTableName;
      const base = { seq: change.seq, table, key: change.row_key };
      if (change.op === 'delete') return { ...base, op: 'delete' };
      const row = rowsByTable.get(change.table_name)?.get(change.row_key);
      return row ? { ...base, op: 'upsert', row } : { ...base, op: 'delete' };
    });
  });
}

/**
 * After the central database committed every entry up to `uptoSeq`: they leave the log, and the push is
 * recorded (clearing the last failure). A row changed meanwhile has a newer entry, which stays.
 */
export async function markPushed(db: Kysely<Database>, uptoSeq: number, now = new Date()): Promise<void> {
  const write = async (trx: Kysely<Database>) => {
    await trx.deleteFrom('sync_changes').where('seq', '<=', uptoSeq).execute();
    await trx
      .updateTable('sync_state')
      .set((eb) => ({
        last_pushed_seq: eb.fn('max', [eb.ref('last_pushed_seq'), eb.val(uptoSeq)]),
        last_push_at: now.toISOString(),
        last_error: null,
        last_error_at: null,
      }))
      .where('id', '=', 1)
      .execute();
  };
  if (db.isTransaction) await write(db);
  else await db.transaction().execute(write);
}

/** How many rows wait to be pushed. */
export async function pendingCount(db: Kysely<Database>): Promise<number> {
  const { n } = await db
    .selectFrom('sync_changes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * A push that did not go through, in plain words for the status strip. Defensive: whatever looks like a
 * connection string's password (`://user:password@`) and every one of `secrets` is taken out first.
 */
export async function recordFailure(
  db: Kysely<Database>,
  message: string,
  options: { now?: Date; secrets?: readonly string[] } = {},
): Promise<void> {
  await db
    .updateTable('sync_state')
    .set({
      last_error: plainFailure(message, options.secrets ?? []),
      last_error_at: (options.now ?? new Date()).toISOString(),
    })
    .where('id', '=', 1)
    .execute();
}

/** The message without passwords or control characters, on one line and within the length the table takes. */
/** The opening of a failure on the kiosk's side; what follows is another program's words (sync/status.ts). */
export const LOCAL_FAILURE = 'The kiosk could not prepare its changes for the central database';

export function plainFailure(message: string, secrets: readonly string[] = []): string {
  let text = message.replace(/(:\/\/[^\s:/@]*):[^\s@]*@/g, '$1@');
  for (const secret of secrets) if (secret) text = text.split(secret).join('[password]');
  text = text.replace(/\p{Cc}+/gu, ' ').trim() || 'The push failed for a reason the kiosk could not name.';
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

export async function readSyncState(db: Kysely<Database>): Promise<SyncState> {
  return db.selectFrom('sync_state').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
}
