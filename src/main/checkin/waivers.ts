// The waiver's versions: the newest is what passengers read and sign; publishing adds version+1 and keeps the
// older ones, because every signature names the version (and, through its hash, the text) it agreed to.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { writeAuditLog } from '../../../db/audit';
import type { Database } from '../../../db/schema';
import type { WaiverVersionView } from '../../shared/checkin';
import { AppFailure } from '../errors';

export interface CurrentWaiver {
  id: string;
  version: number;
  text: string;
}

export async function currentWaiver(db: Kysely<Database>): Promise<CurrentWaiver> {
  const row = await db
    .selectFrom('waiver_versions')
    .select(['id', 'version', 'text'])
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  // Migration 10 seeds version 1, and versions are never deleted; a hand-edited database is the only way here.
  if (!row)
    throw new AppFailure(
      'UNAVAILABLE',
      'No waiver text is set up, so passengers cannot check in here. Ask a manager to publish the waiver in Settings.',
    );
  return row;
}

export async function listWaivers(db: Kysely<Database>): Promise<WaiverVersionView[]> {
  const rows = await db
    .selectFrom('waiver_versions')
    .leftJoin('users', 'users.id', 'waiver_versions.created_by')
    .select([
      'waiver_versions.id',
      'waiver_versions.version',
      'waiver_versions.text',
      'waiver_versions.created_at',
      'users.name as createdBy',
      (eb) =>
        eb
          .selectFrom('waiver_signatures')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('waiver_signatures.waiver_version_id', '=', 'waiver_versions.id')
          .as('signatures'),
    ])
    .orderBy('waiver_versions.version', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    version: row.version,
    text: row.text,
    createdAt: row.created_at,
    createdBy: row.createdBy ?? null,
    signatures: Number(row.signatures ?? 0),
  }));
}

export async function publishWaiver(
  db: Kysely<Database>,
  text: string,
  userId: string,
  now: Date,
): Promise<WaiverVersionView> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const newest = await trx
      .selectFrom('waiver_versions')
      .select(['version', 'text'])
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (newest && newest.text === text)
      throw new AppFailure(
        'CONFLICT',
        `This is the text of version ${newest.version} already. Change the text, then publish.`,
      );
    const version = (newest?.version ?? 0) + 1;
    await trx
      .insertInto('waiver_versions')
      .values({ id, version, text, created_by: userId, created_at: now.toISOString() })
      .execute();
    await writeAuditLog(trx, {
      userId,
      action: 'publish',
      entityType: 'waiver_version',
      entityId: id,
      after: { version, characters: text.length },
    });
  });
  const published = (await listWaivers(db)).find((waiver) => waiver.id === id);
  if (!published) throw new Error('published waiver version not found');
  return published;
}
