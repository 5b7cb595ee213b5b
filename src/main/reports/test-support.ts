// Fixed data for the report's tests: six flights around Mon 30 Nov – Wed 2 Dec 2026 and their sales, on a
// kiosk at UTC+2. The expected figures in the tests are worked out by hand from this table.
//
//  flight  passengers            flight_at (UTC)      local (UTC+2)     pilot  crew  media now
//  F1      Anna & Ben Keller     2026-11-30 08:00     Mon 30 Nov 10:00  Erik   Maya  video
//  F2      Priya Natarajan       2026-11-30 12:30     Mon 30 Nov 14:30  Jo     Tom   video
//  F3      Lukas Brandt          2026-12-01 07:00     Tue  1 Dec 09:00  Erik   Tom   video + 2 air-tour photos
//  F4      Sofia Martínez        2026-12-01 13:00     Tue  1 Dec 15:00  Jo     Maya  video + 3 stills
//  F5      =HYPERLINK(…) (a      2026-12-02 06:00     Wed  2 Dec 08:00  Erik   Maya  nothing (no consent)
//          formula as a name)
//  F6      Early Bird            2026-11-29 22:30     Mon 30 Nov 00:30  Jo     -     video + 2 air-tour photos
//  F7      Late Crew             2026-12-02 22:00     Thu  3 Dec 00:00  Erik   Tom   nothing
//
//  sale  flight  bundle                  cents  sale_date (UTC)      local (UTC+2)     by    status
//  S1    F1      video_photos            4500   2026-11-30 09:00     Mon 30 Nov 11:00  Maya  completed
//  S2    F2      video_only              2500   2026-11-30 22:30     Tue  1 Dec 00:30  Tom   completed
//  S3    F3      video_airtour_photos    5500   2026-12-01 08:00     Tue  1 Dec 10:00  Tom   completed
//  S4    F3      photos_only             3500   2026-12-01 08:05     Tue  1 Dec 10:05  Tom   voided
//  S5    F4      video_photos            4500   2026-12-01 14:00     Tue  1 Dec 16:00  Maya  refunded
//  S6    F1      photos_only             3500   2026-12-02 21:30     Wed  2 Dec 23:30  Tom   completed
//  S7    F7      video_only              2500   2026-12-02 22:30     Thu  3 Dec 00:30  Tom   completed
//  S8    F1      video_only              2500   2026-11-29 21:59     Sun 29 Nov 23:59  Maya  completed
import { randomUUID } from 'node:crypto';
import type Sqlite from 'better-sqlite3';
import { fixtures } from '../../../db/test-support';

export const UTC_PLUS_2 = () => 120;

export function seedReportData(sqlite: Sqlite.Database) {
  const f = fixtures(sqlite);
  const maya = f.user({ name: 'Maya Lindqvist' }).id;
  const tom = f.user({ name: 'Tom Reyes' }).id;
  const erik = f.user({ name: 'Capt. Erik Halvorsen', role: 'pilot' }).id;
  const jo = f.user({ name: 'Capt. Jo Whitaker', role: 'pilot' }).id;

  const flight = (passenger_names: string, flight_at: string, pilot: string, crew: string | null, o = {}) =>
    f.recording({ passenger_names, flight_at, pilot_id: pilot, staff_member: crew, ...o }).id;
  const F1 = flight('Anna & Ben Keller', '2026-11-30T08:00:00.000Z', erik, maya, {
    customer_email: 'anna@example.com',
    contact_consent: 1,
  });
  const F2 = flight('Priya Natarajan', '2026-11-30T12:30:00.000Z', jo, tom);
  const F3 = flight('Lukas Brandt', '2026-12-01T07:00:00.000Z', erik, tom);
  const F4 = flight('Sofia Martínez, Diego Ruiz', '2026-12-01T13:00:00.000Z', jo, maya, {
    customer_email: 'sofia@example.com',
    customer_phone: '+34 600 555 271',
    contact_consent: 1,
  });
  const F5 = flight('=HYPERLINK("http://evil.example","Noah")', '2026-12-02T06:00:00.000Z', erik, maya, {
    customer_email: 'noah@example.com',
    contact_consent: 0,
  });
  const F6 = flight('Early Bird', '2026-11-29T22:30:00.000Z', jo, null, { customer_phone: '+1 555 0100' });
  const F7 = flight('Late Crew', '2026-12-02T22:00:00.000Z', erik, tom);

  const sale = (recording: string, bundle: string, amount_cents: number, sale_date: string, by: string, o = {}) =>
    f.sale(recording, { bundle, amount_cents, list_price_cents: amount_cents, sale_date, staff_member: by, ...o })
      .id; // prettier-ignore
  const S1 = sale(F1, 'video_photos', 4500, '2026-11-30T09:00:00.000Z', maya);
  const S2 = sale(F2, 'video_only', 2500, '2026-11-30T22:30:00.000Z', tom);
  const S3 = sale(F3, 'video_airtour_photos', 5500, '2026-12-01T08:00:00.000Z', tom);
  const S4 = sale(F3, 'photos_only', 3500, '2026-12-01T08:05:00.000Z', tom, {
    status: 'voided',
    void_reason: 'rang up twice',
  });
  const S5 = sale(F4, 'video_photos', 4500, '2026-12-01T14:00:00.000Z', maya, {
    status: 'refunded',
    void_reason: 'customer changed their mind',
  });
  const S6 = sale(F1, 'photos_only', 3500, '2026-12-02T21:30:00.000Z', tom);
  const S7 = sale(F7, 'video_only', 2500, '2026-12-02T22:30:00.000Z', tom);
  const S8 = sale(F1, 'video_only', 2500, '2026-11-29T21:59:00.000Z', maya);

  const video = (recording: string) => {
    const path = `media/${recording}/export/souvenir.mp4`;
    f.exportJob(recording, {
      status: 'completed',
      progress: 1,
      output_path: path,
      finished_at: '2026-12-01T00:00:00.000Z',
    });
    f.storage(recording, { kind: 'export', path });
  };
  const stills = (recording: string, count: number) => {
    const job = randomUUID();
    const folder = `media/${recording}/photos/${job}`;
    f.exportJob(recording, {
      id: job,
      kind: 'photos',
      status: 'completed',
      progress: 1,
      output_path: folder,
      finished_at: '2026-12-01T00:00:00.000Z',
    });
    for (let i = 1; i <= count; i++)
      f.storage(recording, { kind: 'photo', path: `${folder}/photo-0${i}.jpg` });
  };
  const airtour = (recording: string, count: number) => {
    for (let i = 1; i <= count; i++)
      f.storage(recording, { kind: 'photo', path: `media/${recording}/photos/imported/card-${i}.jpg` });
  };
  for (const id of [F1, F2, F3, F4, F6]) video(id);
  airtour(F3, 2);
  stills(F4, 3);
  airtour(F6, 2);

  return { maya, tom, erik, jo, F1, F2, F3, F4, F5, F6, F7, S1, S2, S3, S4, S5, S6, S7, S8 };
}

export type ReportData = ReturnType<typeof seedReportData>;
