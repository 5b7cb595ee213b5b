// Self check-in end to end in main: a locked screen's token, passengers' signatures checked and kept on disk
// with their hash, the crew's waiting list and turning a check-in into a flight, the waiver's versions.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows } from '../../../db/test-support';
import type { WaitingCheckin, WaiverVersionView } from '../../shared/checkin';
import { checkinForm, codeOf, openCheckinBench, signaturePng, type CheckinBench } from './test-support';

let b: CheckinBench;
let token: string;
let waiverId: string;

beforeEach(async () => {
  b = await openCheckinBench();
  token = await b.lockScreen();
  waiverId = (await b.value<{ waiver: { id: string } }>('checkin.form', { deviceToken: token })).waiver.id;
});

afterEach(async () => {
  await b.dispose();
});

const form = (overrides: Record<string, unknown> = {}) => checkinForm(token, waiverId, overrides);

describe('locking a screen', () => {
  it('gives the screen a token, keeps only its SHA-256, and ends the admin’s session there', async () => {
    const adminSession = b.sessions.admin;
    const result = await b.value<{ deviceToken: string }>('checkin.lockScreen', {}, adminSession);
    expect(result.deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const hashes = b.t.sqlite.prepare('SELECT token_hash FROM checkin_screens').pluck().all();
    expect(hashes).toContain(createHash('sha256').update(result.deviceToken).digest('hex'));
    expect(hashes).not.toContain(result.deviceToken);
    expect(codeOf(await b.call('checkin.waiting', {}, adminSession))).toBe('UNAUTHENTICATED');
  });

  it('an admin stops every check-in screen at once (a tablet lost): their tokens stop working', async () => {
    const second = await b.lockScreen();
    expect(await b.value('checkin.screens', {}, b.sessions.admin)).toEqual({ live: 2 });
    expect(codeOf(await b.call('checkin.stopScreens', {}, b.sessions.crew))).toBe('FORBIDDEN');
    expect(codeOf(await b.call('checkin.stopScreens', {}))).toBe('UNAUTHENTICATED');
    expect(await b.value('checkin.stopScreens', {}, b.sessions.admin)).toEqual({ stopped: 2 });
    for (const deviceToken of [token, second]) {
      expect(codeOf(await b.call('checkin.form', { deviceToken }))).toBe('NOT_FOUND');
      expect(codeOf(await b.call('checkin.submit', form({ deviceToken })))).toBe('NOT_FOUND');
    }
    expect(await b.value('checkin.screens', {}, b.sessions.admin)).toEqual({ live: 0 });
    expect(
      countRows(b.t.sqlite, 'audit_logs', "entity_type = 'checkin_screen' AND action = ?", 'revoke'),
    ).toBe(2);
    expect(countRows(b.t.sqlite, 'self_checkins')).toBe(0);
  });

  it('is for admins only', async () => {
    expect(codeOf(await b.call('checkin.lockScreen', {}, b.sessions.crew))).toBe('FORBIDDEN');
    expect(codeOf(await b.call('checkin.lockScreen', {}))).toBe('UNAUTHENTICATED');
  });
});

describe('checkin.submit', () => {
  it('keeps the check-in waiting, each signature as a PNG on disk with the hash of image and waiver text', async () => {
    const sent = form();
    expect(await b.value('checkin.submit', sent)).toEqual({ received: true });

    const row = b.t.sqlite.prepare('SELECT * FROM self_checkins').get() as Record<string, unknown>;
    expect(row).toMatchObject({
      passenger_names: 'Ana Silva, Ben Silva',
      customer_email: 'ana@example.com',
      origin: 'Lisbon',
      referral_source: 'Hotel reception',
      trip_purpose: 'birthday',
      language: 'English',
      contact_consent: 1,
      status: 'waiting',
    });
    const signatures = b.t.sqlite
      .prepare('SELECT * FROM waiver_signatures ORDER BY passenger_name')
      .all() as Array<Record<string, string>>;
    expect(signatures.map((s) => s.passenger_name)).toEqual(['Ana Silva', 'Ben Silva']);
    const waiverText = b.t.sqlite.prepare('SELECT text FROM waiver_versions WHERE version = 1').pluck().get();
    signatures.forEach((signature, i) => {
      const file = path.join(b.dataDir, signature.signature_path ?? '');
      const bytes = readFileSync(file);
      expect(bytes.equals(Buffer.from(sent.passengers[i]?.signature ?? []))).toBe(true);
      const expected = createHash('sha256')
        .update(bytes)
        .update(Buffer.from([0]))
        .update(String(waiverText))
        .digest('hex');
      expect(signature.signature_sha256).toBe(expected);
      expect(signature.waiver_version_id).toBe(waiverId);
    });
    expect(
      readdirSync(path.dirname(path.join(b.dataDir, signatures[0]?.signature_path ?? ''))),
    ).not.toContain(expect.stringMatching(/partial/));
  });

  it('refuses a call without a device token, or with one that was never made', async () => {
    const { deviceToken: _none, ...withoutToken } = form();
    expect(codeOf(await b.call('checkin.submit', withoutToken))).toBe('VALIDATION');
    const forged = await b.call('checkin.submit', form({ deviceToken: 'A'.repeat(43) }));
    expect(forged).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(forged.ok ? '' : forged.error.message).toMatch(/not set up for passenger check-in/);
    expect(countRows(b.t.sqlite, 'self_checkins')).toBe(0);
  });

  it('refuses a screen whose token was revoked when staff signed in on it', async () => {
    expect(await b.value('checkin.unlockScreen', { deviceToken: token }, b.sessions.crew)).toEqual({
      unlocked: true,
    });
    expect(codeOf(await b.call('checkin.submit', form()))).toBe('NOT_FOUND');
    expect(codeOf(await b.call('checkin.form', { deviceToken: token }))).toBe('NOT_FOUND');
    expect(countRows(b.t.sqlite, 'self_checkins')).toBe(0);
  });

  it('refuses a blank signature in plain words, and keeps nothing', async () => {
    const result = await b.call(
      'checkin.submit',
      form({
        passengers: [
          { name: 'Ana Silva', signature: signaturePng() },
          { name: 'Ben Silva', signature: signaturePng({ blank: true }) },
        ],
      }),
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'passengers.1.signature', message: 'blank' }] },
    });
    expect(result.ok ? '' : result.error.message).toMatch(/signature is empty/);
    expect(countRows(b.t.sqlite, 'self_checkins')).toBe(0);
    expect(existsSync(path.join(b.dataDir, 'waivers'))).toBe(false);
  });

  it('refuses bytes that are not a PNG, and a signature over the size limit', async () => {
    const fake = await b.call(
      'checkin.submit',
      form({ passengers: [{ name: 'Ana Silva', signature: new TextEncoder().encode('GIF89a'.repeat(10)) }] }),
    );
    expect(fake.ok ? '' : fake.error.message).toMatch(/could not be read/);
    const huge = await b.call(
      'checkin.submit',
      form({ passengers: [{ name: 'Ana Silva', signature: new Uint8Array(15 * 1024) }] }),
    );
    expect(codeOf(huge)).toBe('VALIDATION');
    expect(countRows(b.t.sqlite, 'self_checkins')).toBe(0);
  });

  it('refuses a form without the waiver agreed, or agreed to a version that is no longer current', async () => {
    expect(codeOf(await b.call('checkin.submit', form({ waiverAgreed: false })))).toBe('VALIDATION');
    await b.value(
      'checkin.publishWaiver',
      { text: 'A new and longer waiver text for this season.' },
      b.sessions.admin,
    );
    const stale = await b.call('checkin.submit', form());
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(countRows(b.t.sqlite, 'self_checkins')).toBe(0);
  });

  it('limits how many check-ins one screen sends in ten minutes', async () => {
    for (let i = 0; i < 10; i += 1) expect(codeOf(await b.call('checkin.submit', form()))).toBe('ok');
    expect(codeOf(await b.call('checkin.submit', form()))).toBe('RATE_LIMITED');
    b.clock.advance(10 * 60_000 + 1);
    expect(codeOf(await b.call('checkin.submit', form()))).toBe('ok');
  });
});

describe('the crew’s waiting list', () => {
  it('lists waiting check-ins, signed, oldest first; pilots cannot see it', async () => {
    await b.value('checkin.submit', form());
    b.clock.advance(60_000);
    await b.value('checkin.submit', form({ passengers: [{ name: 'Chen Wei', signature: signaturePng() }] }));
    const waiting = await b.value<WaitingCheckin[]>('checkin.waiting', {}, b.sessions.crew);
    expect(waiting.map((w) => [w.passengerNames, w.signed, w.signatures, w.waiverVersion])).toEqual([
      ['Ana Silva, Ben Silva', true, 2, 1],
      ['Chen Wei', true, 1, 1],
    ]);
    expect(codeOf(await b.call('checkin.waiting', {}, b.sessions.pilot))).toBe('FORBIDDEN');
  });

  it('turns a check-in into a flight with the passengers’ answers, the waiver time and the signatures', async () => {
    await b.value('checkin.submit', form());
    const [waiting] = await b.value<WaitingCheckin[]>('checkin.waiting', {}, b.sessions.crew);
    const { recordingId } = await b.value<{ recordingId: string }>(
      'checkin.convert',
      { id: waiting?.id, pilotId: b.ids.pilot, flightAt: '2026-12-05T09:30:00.000Z' },
      b.sessions.crew,
    );
    const flight = b.t.sqlite.prepare('SELECT * FROM flight_recordings WHERE id = ?').get(recordingId);
    expect(flight).toMatchObject({
      passenger_names: 'Ana Silva, Ben Silva',
      customer_email: 'ana@example.com',
      customer_phone: '+351 912 345 678',
      origin: 'Lisbon',
      referral_source: 'Hotel reception',
      trip_purpose: 'birthday',
      language: 'English',
      contact_consent: 1,
      waiver_accepted_at: '2026-12-05T09:10:00.000Z',
      pilot_id: b.ids.pilot,
      staff_member: b.ids.crew,
      flight_at: '2026-12-05T09:30:00.000Z',
    });
    expect(countRows(b.t.sqlite, 'scene_recordings', 'recording_id = ?', recordingId)).toBe(3);
    expect(countRows(b.t.sqlite, 'waiver_signatures', 'recording_id = ?', recordingId)).toBe(2);
    expect(b.t.sqlite.prepare('SELECT status FROM self_checkins').pluck().get()).toBe('converted');
    expect(await b.value('checkin.waiting', {}, b.sessions.crew)).toEqual([]);
  });

  it('turns one check-in into one flight only, however many screens tap it', async () => {
    await b.value('checkin.submit', form());
    const [waiting] = await b.value<WaitingCheckin[]>('checkin.waiting', {}, b.sessions.crew);
    const input = { id: waiting?.id, pilotId: null, flightAt: '2026-12-05T09:30:00.000Z' };
    const results = await Promise.all([
      b.call('checkin.convert', input, b.sessions.crew),
      b.call('checkin.convert', input, b.sessions.admin),
    ]);
    expect(results.map(codeOf).sort()).toEqual(['CONFLICT', 'ok']);
    expect(countRows(b.t.sqlite, 'flight_recordings')).toBe(1);
  });

  it('makes the flight and marks the check-in in one transaction: a failure halfway leaves neither', async () => {
    await b.value('checkin.submit', form());
    const [waiting] = await b.value<WaitingCheckin[]>('checkin.waiting', {}, b.sessions.crew);
    // The last write of the conversion fails (as a full disk would): the flight inserted before it must go too.
    b.t.sqlite.exec(`CREATE TRIGGER fail_link BEFORE UPDATE OF recording_id ON waiver_signatures
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const failed = await b.call(
      'checkin.convert',
      { id: waiting?.id, pilotId: null, flightAt: '2026-12-05T09:30:00.000Z' },
      b.sessions.crew,
    );
    expect(codeOf(failed)).not.toBe('ok');
    expect(countRows(b.t.sqlite, 'flight_recordings')).toBe(0);
    expect(countRows(b.t.sqlite, 'scene_recordings')).toBe(0);
    expect(b.t.sqlite.prepare('SELECT status FROM self_checkins').pluck().get()).toBe('waiting');

    b.t.sqlite.exec('DROP TRIGGER fail_link');
    const { recordingId } = await b.value<{ recordingId: string }>(
      'checkin.convert',
      { id: waiting?.id, pilotId: null, flightAt: '2026-12-05T09:30:00.000Z' },
      b.sessions.crew,
    );
    expect(countRows(b.t.sqlite, 'waiver_signatures', 'recording_id = ?', recordingId)).toBe(2);
  });

  it('dismisses a check-in (the screen asks first); it leaves the list and makes no flight', async () => {
    await b.value('checkin.submit', form());
    const [waiting] = await b.value<WaitingCheckin[]>('checkin.waiting', {}, b.sessions.crew);
    expect(await b.value('checkin.dismiss', { id: waiting?.id }, b.sessions.crew)).toEqual({
      dismissed: true,
    });
    expect(await b.value('checkin.waiting', {}, b.sessions.crew)).toEqual([]);
    expect(codeOf(await b.call('checkin.dismiss', { id: waiting?.id }, b.sessions.crew))).toBe('CONFLICT');
    expect(countRows(b.t.sqlite, 'flight_recordings')).toBe(0);
  });
});

describe('waiver versions', () => {
  it('publishes the next version, keeps the old ones, and the form shows the newest', async () => {
    await b.value('checkin.submit', form());
    const published = await b.value<WaiverVersionView>(
      'checkin.publishWaiver',
      { text: 'Season 2027: flying carries risks; follow the pilot’s instructions.' },
      b.sessions.admin,
    );
    expect(published).toMatchObject({ version: 2, createdBy: 'Maria Lopez', signatures: 0 });
    const all = await b.value<WaiverVersionView[]>('checkin.waivers', {}, b.sessions.admin);
    expect(all.map((w) => [w.version, w.signatures])).toEqual([
      [2, 0],
      [1, 2],
    ]);
    const shown = await b.value<{ waiver: { version: number } }>('checkin.form', { deviceToken: token });
    expect(shown.waiver.version).toBe(2);
  });

  it('refuses publishing the same text again, and anyone but an admin', async () => {
    const text = 'Season 2027: flying carries risks; follow the pilot’s instructions.';
    await b.value('checkin.publishWaiver', { text }, b.sessions.admin);
    expect(codeOf(await b.call('checkin.publishWaiver', { text }, b.sessions.admin))).toBe('CONFLICT');
    expect(codeOf(await b.call('checkin.publishWaiver', { text: `${text}!` }, b.sessions.crew))).toBe(
      'FORBIDDEN',
    );
  });
});
