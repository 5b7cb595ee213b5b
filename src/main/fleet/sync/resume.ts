// Where a push resumes when the kiosk (re)connects to the central database. The central cursor is the truth: it
// moved in the same transaction as the rows, so every entry up to it is there, even when the kiosk was cut off
// before it could remove them from its own log (those are removed now, not sent again).
//
// One case turns that rule around: a cursor beyond any seq this kiosk's log ever handed out. The data folder
// was put back from a backup (the station id travels with it), so the log counts again from an older number,
// and its waiting entries, and the next changes, would sit at or under the cursor and be taken for sent. They
// are moved past the cursor instead, in order, so they are pushed and the cursor goes on from there.
import type { Kysely } from 'kysely';
import type { Database } from '../../../../db/schema';
import { markPushed } from './change-log';

export type ResumeOutcome =
  /** Entries the central copy already held, removed from the log (0 when there were none). */
  | { kind: 'dropped'; entries: number }
  /** The log was behind the central cursor: its waiting entries now follow it. */
  | { kind: 'moved'; entries: number; from: number };

/** SQLite's own counter of AUTOINCREMENT keys (https://sqlite.org/autoinc.html): not in the typed schema. */
const withSequence = (db: Kysely<Database>) =>
  db.withTables<{ sqlite_sequence: { name: string; seq: number } }>();

/** The highest seq the kiosk's log has ever handed out (0 before its first entry). */
export async function highestSeqHandedOut(db: Kysely<Database>): Promise<number> {
  const row = await withSequence(db)
    .selectFrom('sqlite_sequence')
    .select('seq')
    .where('name', '=', 'sync_changes')
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** Agrees with the central cursor on where the next push starts; see the header. One SQLite transaction. */
export async function resumeFromCentralCursor(
  db: Kysely<Database>,
  cursor: number,
  now: Date,
): Promise<ResumeOutcome> {
  return await db.transaction().execute(async (trx) => {
    const top = await highestSeqHandedOut(trx);
    const count = async (upTo?: number) => {
      let query = trx.selectFrom('sync_changes').select((eb) => eb.fn.countAll<number>().as('n'));
      if (upTo !== undefined) query = query.where('seq', '<=', upTo);
      return Number((await query.executeTakeFirstOrThrow()).n);
    };

    if (cursor <= top) {
      const held = await count(cursor);
      if (held > 0) await markPushed(trx, cursor, now);
      return { kind: 'dropped', entries: held };
    }

    // Every seq here is at most `top` < `cursor`, so adding `cursor` keeps them in order and never collides.
    const waiting = await count();
    await trx
      .updateTable('sync_changes')
      .set((eb) => ({ seq: eb('seq', '+', cursor) }))
      .execute();
    const next = cursor + top;
    const sequence = withSequence(trx);
    const moved = await sequence
      .updateTable('sqlite_sequence')
      .set({ seq: next })
      .where('name', '=', 'sync_changes')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 0) {
      await sequence.insertInto('sqlite_sequence').values({ name: 'sync_changes', seq: next }).execute();
    }
    return { kind: 'moved', entries: waiting, from: top };
  });
}
