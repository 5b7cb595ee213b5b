// Adding a self check-in to a flight the crew already checked in by hand, against a real database behind the
// real dispatcher: the flight's blanks are filled but what the crew typed stays, it gets the waiver time and
// the signatures, all in one transaction; signed, sold and other people's flights are refused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows } from '../../../db/test-support';
import type { UnsignedFlight, WaitingCheckin } from '../../shared/checkin';
import { createFlightRecording } from '../recordings/service';
import { ALREADY_SIGNED, FLIGHT_NOT_FOUND } from './attach';
import { NOW, checkinForm, codeOf, openCheckinBench, type CheckinBench } from './test-support';

let b: CheckinBench;
let checkinId: string;

beforeEach(async () => {
  b = await openCheckinBench();
  const deviceToken = await b.lockScreen();
  const { waiver } = await b.value<{ waiver: { id: string } }>('checkin.form', { deviceToken });
  await b.value('checkin.submit', checkinForm(deviceToken, waiver.id, {}, 2));
  const [waiting] = await b.value<WaitingCheckin[]>('checkin.waiting', {}, b.sessions.crew);
  checkinId = waiting?.id ?? '';
});

afterEach(async () => {
  await b.dispose();
});

/** A flight the crew checked in by hand, as recordings.checkIn makes it. */
async function crewFlight(
  overrides: Partial<Parameters<typeof createFlightRecording>[1]> = {},
  by: string = b.ids.crew,
): Promise<string> {
  const { recording } = await createFlightRecording(
    b.t.db,
    {
      passenger_names: 'Ana & Ben Silva',
      flight_at: '2026-12-05T10:00:00.000Z',
      staff_member: by,
      ...overrides,
    },
    by,
  );
  return recording.id;
}

const flightRow = (id: string) =>
  b.t.sqlite.prepare('SELECT * FROM flight_recordings WHERE id = ?').get(id) as Record<string, unknown>;
const attach = (recordingId: string, session = b.sessions.crew) =>
  b.call<{ recordingId: string }>(
    'checkin.convert',
    { id: checkinId, pilotId: null, flightAt: '2026-12-05T12:00:00.000Z', recordingId },
    session,
  );

describe('checkin.unsignedFlights', () => {
  it('offers today’s and later unsold flights without a waiver that the caller may open, newest first', async () => {
    const early = await crewFlight({ passenger_names: 'Early Bird' });
    b.clock.advance(60_000);
    const late = await crewFlight({ passenger_names: 'Late Comer', flight_at: '2026-12-06T08:00:00.000Z' });
    await crewFlight({ passenger_names: 'Signed Already', waiver_accepted_at: NOW });
    await crewFlight({ passenger_names: 'Yesterday', flight_at: '2026-12-04T10:00:00.000Z' });
    // The admin's own flight for tomorrow: not the crew member's, not today's unassigned.
    await crewFlight({ passenger_names: 'Admin Guest', flight_at: '2026-12-06T09:00:00.000Z' }, b.ids.admin);

    const crew = await b.value<UnsignedFlight[]>('checkin.unsignedFlights', {}, b.sessions.crew);
    expect(crew.map((f) => [f.id, f.passengerNames, f.filmedScenes])).toEqual([
      [late, 'Late Comer', 0],
      [early, 'Early Bird', 0],
    ]);
    const admin = await b.value<UnsignedFlight[]>('checkin.unsignedFlights', {}, b.sessions.admin);
    expect(admin.map((f) => f.passengerNames)).toEqual(['Admin Guest', 'Late Comer', 'Early Bird']);
    expect(codeOf(await b.call('checkin.unsignedFlights', {}, b.sessions.pilot))).toBe('FORBIDDEN');
  });

  it('leaves out sold flights', async () => {
    const id = await crewFlight();
    b.t.sqlite.prepare('UPDATE flight_recordings SET sold = 1 WHERE id = ?').run(id);
    expect(await b.value('checkin.unsignedFlights', {}, b.sessions.crew)).toEqual([]);
  });
});

describe('adding a check-in to an existing flight', () => {
  it('fills the flight’s blanks from the check-in, keeps what the crew typed, and sets the waiver time', async () => {
    const id = await crewFlight({
      customer_email: 'ben.typed@example.com',
      origin: 'Porto',
      pilot_id: b.ids.pilot,
      notes: 'Window seats',
    });
    b.clock.advance(5 * 60_000);
    expect(await b.value('checkin.convert', { ...attachInput(id) }, b.sessions.crew)).toEqual({
      recordingId: id,
    });
    expect(flightRow(id)).toMatchObject({
      passenger_names: 'Ana & Ben Silva',
      customer_email: 'ben.typed@example.com',
      origin: 'Porto',
      customer_phone: '+351 912 345 678',
      referral_source: 'Hotel reception',
      trip_purpose: 'birthday',
      language: 'English',
      contact_consent: 1,
      waiver_accepted_at: NOW,
      pilot_id: b.ids.pilot,
      flight_at: '2026-12-05T10:00:00.000Z',
      notes: 'Window seats',
    });
    expect(countRows(b.t.sqlite, 'flight_recordings')).toBe(1);
    expect(countRows(b.t.sqlite, 'waiver_signatures', 'recording_id = ?', id)).toBe(2);
    expect(b.t.sqlite.prepare('SELECT status, recording_id FROM self_checkins').get()).toEqual({
      status: 'converted',
      recording_id: id,
    });
    const audit = b.t.sqlite
      .prepare("SELECT action, after_summary AS after FROM audit_logs WHERE entity_type = 'self_checkin'")
      .get() as { action: string; after: string };
    expect(audit.action).toBe('convert');
    expect(JSON.parse(audit.after)).toEqual({ recording_id: id, attached: true });
    expect(await b.value('checkin.unsignedFlights', {}, b.sessions.crew)).toEqual([]);
    expect(await b.value('checkin.waiting', {}, b.sessions.crew)).toEqual([]);
  });

  it('keeps a consent the crew noted when the passengers said no on the tablet', async () => {
    const id = await crewFlight({ contact_consent: true });
    b.t.sqlite.prepare('UPDATE self_checkins SET contact_consent = 0').run();
    expect(codeOf(await attach(id))).toBe('ok');
    expect(flightRow(id).contact_consent).toBe(1);
  });

  it('accepts a flight with a scene filmed before anyone noticed the missing waiver', async () => {
    const id = await crewFlight();
    b.t.sqlite
      .prepare("UPDATE scene_recordings SET status = 'recorded' WHERE recording_id = ? AND scene_index = 1")
      .run(id);
    const [offered] = await b.value<UnsignedFlight[]>('checkin.unsignedFlights', {}, b.sessions.crew);
    expect(offered?.filmedScenes).toBe(1);
    expect(codeOf(await attach(id))).toBe('ok');
    expect(flightRow(id).waiver_accepted_at).toBe(NOW);
  });

  it('refuses a flight that already has a signed waiver, in plain words, and changes nothing', async () => {
    const id = await crewFlight({ waiver_accepted_at: '2026-12-05T08:00:00.000Z' });
    const result = await attach(id);
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: ALREADY_SIGNED } });
    expect(flightRow(id)).toMatchObject({ waiver_accepted_at: '2026-12-05T08:00:00.000Z', origin: null });
    expect(b.t.sqlite.prepare('SELECT status FROM self_checkins').pluck().get()).toBe('waiting');
    expect(countRows(b.t.sqlite, 'waiver_signatures', 'recording_id IS NOT NULL')).toBe(0);
  });

  it('refuses a sold flight', async () => {
    const id = await crewFlight();
    b.t.sqlite.prepare('UPDATE flight_recordings SET sold = 1 WHERE id = ?').run(id);
    expect(codeOf(await attach(id))).toBe('CONFLICT');
    expect(flightRow(id).waiver_accepted_at).toBeNull();
  });

  it('answers NOT_FOUND for a flight the caller may not open, and for one that does not exist', async () => {
    const adminsTomorrow = await crewFlight({ flight_at: '2026-12-06T09:00:00.000Z' }, b.ids.admin);
    const refused = await attach(adminsTomorrow);
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: FLIGHT_NOT_FOUND } });
    expect(flightRow(adminsTomorrow).waiver_accepted_at).toBeNull();
    expect(codeOf(await attach('3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f'))).toBe('NOT_FOUND');
    // The admin may open it.
    expect(codeOf(await attach(adminsTomorrow, b.sessions.admin))).toBe('ok');
  });

  it('does it in one transaction: a failure at the last write leaves the flight without a waiver', async () => {
    const id = await crewFlight();
    b.t.sqlite.exec(`CREATE TRIGGER fail_link BEFORE UPDATE OF recording_id ON waiver_signatures
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect(codeOf(await attach(id))).not.toBe('ok');
    expect(flightRow(id)).toMatchObject({ waiver_accepted_at: null, origin: null, customer_email: null });
    expect(b.t.sqlite.prepare('SELECT status FROM self_checkins').pluck().get()).toBe('waiting');
    b.t.sqlite.exec('DROP TRIGGER fail_link');
    expect(codeOf(await attach(id))).toBe('ok');
    expect(countRows(b.t.sqlite, 'waiver_signatures', 'recording_id = ?', id)).toBe(2);
  });

  it('adds one check-in to one flight only, however many screens tap it', async () => {
    const id = await crewFlight();
    const results = await Promise.all([attach(id), attach(id, b.sessions.admin)]);
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', 'ok']);
  });
});

function attachInput(recordingId: string) {
  return { id: checkinId, pilotId: null, flightAt: '2026-12-05T12:00:00.000Z', recordingId };
}
