// The flights list, newest flight first, with the figures from recording_summary and the pilot's and staff
// member's names, filtered by who is looking (access/rules.ts).
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { Page, RecordingListItem } from '../../shared/records';
import { recordingVisibleTo, type LocalDay, type Viewer } from '../access/rules';

export async function listRecordings(
  db: Kysely<Database>,
  viewer: Viewer,
  { limit, offset }: { limit: number; offset: number },
  today: LocalDay,
): Promise<Page<RecordingListItem>> {
  const visible = recordingVisibleTo(viewer, today);
  const [rows, count] = await Promise.all([
    db
      .selectFrom('recording_summary as r')
      .leftJoin('users as pilot', 'pilot.id', 'r.pilot_id')
      .leftJoin('users as staff', 'staff.id', 'r.staff_member')
      .select([
        'r.id',
        'r.passenger_names',
        'r.flight_at',
        'r.pilot_id',
        'pilot.name as pilot_name',
        'r.staff_member',
        'staff.name as staff_name',
        'r.sold',
        'r.export_status',
        'r.scene_count',
        'r.recorded_scene_count',
        'r.sales_total_cents',
        'r.created_at',
      ])
      .where(visible)
      .orderBy('r.flight_at', 'desc')
      .orderBy('r.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    db
      .selectFrom('flight_recordings as r')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .where(visible)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      passengerNames: row.passenger_names,
      flightAt: row.flight_at,
      pilotId: row.pilot_id,
      pilotName: row.pilot_name,
      staffMemberId: row.staff_member,
      staffMemberName: row.staff_name,
      sold: row.sold === 1,
      exportStatus: row.export_status,
      sceneCount: Number(row.scene_count),
      recordedSceneCount: Number(row.recorded_scene_count),
      salesTotalCents: Number(row.sales_total_cents),
      createdAt: row.created_at,
    })),
    total: Number(count.total),
  };
}
