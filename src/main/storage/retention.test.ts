import { describe, expect, it } from 'vitest';
import { countRows } from '../../../db/test-support';
import { readFlightFacts, readRetentionRules, retentionVerdict, type FlightFacts } from './retention';
import { NOW, daysAgo, useStorageBench } from './test-support';

const RULES = { soldRawDays: 30, unsoldRawDays: 90 };

const facts = (change: Partial<FlightFacts>): FlightFacts => ({
  recordingId: 'r1',
  passengerNames: 'Anna Keller',
  flightAt: daysAgo(100),
  soldAt: null,
  downloaded: false,
  emailed: false,
  copied: false,
  filming: false,
  exporting: false,
  ...change,
});

describe('retentionVerdict', () => {
  it('lets a sold flight’s footage go N days after the sale once it was delivered', () => {
    expect(
      retentionVerdict(facts({ soldAt: daysAgo(30), downloaded: true, emailed: true }), RULES, NOW),
    ).toEqual({
      due: true,
      rule: 'sold',
      reason: 'Sold 30 days ago and delivered (downloaded, e-mailed).',
    });
  });

  it('holds back a sold flight nobody has received yet, however old', () => {
    expect(retentionVerdict(facts({ soldAt: daysAgo(400) }), RULES, NOW)).toEqual({
      due: false,
      heldBack: 'Sold 400 days ago, but not delivered yet: no download, e-mail or copy to a drive.',
    });
  });

  it('keeps a sold flight younger than the rule without listing it', () => {
    expect(retentionVerdict(facts({ soldAt: daysAgo(29), copied: true }), RULES, NOW)).toEqual({
      due: false,
      heldBack: null,
    });
  });

  it('counts from the sale, not the flight, for a flight sold long after it flew', () => {
    const late = facts({ flightAt: daysAgo(200), soldAt: daysAgo(10), copied: true });
    expect(retentionVerdict(late, RULES, NOW).due).toBe(false);
  });

  it('lets an unsold flight’s footage go N days after it flew', () => {
    expect(retentionVerdict(facts({ flightAt: daysAgo(90) }), RULES, NOW)).toEqual({
      due: true,
      rule: 'unsold',
      reason: 'Not bought; flown 90 days ago.',
    });
    expect(retentionVerdict(facts({ flightAt: daysAgo(89) }), RULES, NOW).due).toBe(false);
  });

  it('does nothing under a rule that is switched off', () => {
    const off = { soldRawDays: null, unsoldRawDays: null };
    expect(retentionVerdict(facts({}), off, NOW)).toEqual({ due: false, heldBack: null });
    expect(retentionVerdict(facts({ soldAt: daysAgo(400), emailed: true }), off, NOW).due).toBe(false);
  });

  it('holds back a flight being filmed or with a video being made', () => {
    expect(retentionVerdict(facts({ filming: true }), RULES, NOW)).toEqual({
      due: false,
      heldBack: 'A scene of it is being filmed right now.',
    });
    expect(retentionVerdict(facts({ exporting: true }), RULES, NOW)).toEqual({
      due: false,
      heldBack: 'A video of it is being made right now.',
    });
  });
});

describe('readFlightFacts', () => {
  const open = useStorageBench();

  it('reads each way a sale was delivered: a download, a sent e-mail, a copy to a drive', async () => {
    const b = await open();
    const downloaded = b.flight({ flownDaysAgo: 60, soldDaysAgo: 50, deliveredBy: 'download' });
    const emailed = b.flight({ flownDaysAgo: 60, soldDaysAgo: 50, deliveredBy: 'email' });
    const copied = b.flight({ flownDaysAgo: 60, soldDaysAgo: 50, deliveredBy: 'copy' });
    const notDelivered = b.flight({ flownDaysAgo: 60, soldDaysAgo: 50 });
    const rows = await readFlightFacts(b.t.db, { flownBefore: daysAgo(30) });
    const by = new Map(rows.map((row) => [row.recordingId, row]));
    expect(by.get(downloaded.id)).toMatchObject({ downloaded: true, emailed: false, copied: false });
    expect(by.get(emailed.id)).toMatchObject({ downloaded: false, emailed: true, copied: false });
    expect(by.get(copied.id)).toMatchObject({ downloaded: false, emailed: false, copied: true });
    expect(by.get(notDelivered.id)).toMatchObject({
      soldAt: daysAgo(50),
      downloaded: false,
      emailed: false,
      copied: false,
    });
  });

  it('counts a refunded sale as not sold, and a link never opened or an e-mail not sent as not delivered', async () => {
    const b = await open();
    const refunded = b.flight({ flownDaysAgo: 60, soldDaysAgo: 50, deliveredBy: 'download' });
    b.t.sqlite
      .prepare(`UPDATE sales SET status = 'refunded', void_reason = 'Camera fault' WHERE id = ?`)
      .run(refunded.saleId);
    const waiting = b.flight({ flownDaysAgo: 60, soldDaysAgo: 50, deliveredBy: 'email' });
    b.t.sqlite
      .prepare(`UPDATE delivery_outbox SET status = 'failed', sent_at = NULL WHERE sale_id = ?`)
      .run(waiting.saleId);
    const rows = await readFlightFacts(b.t.db, { flownBefore: daysAgo(30) });
    expect(rows.find((row) => row.recordingId === refunded.id)).toMatchObject({
      soldAt: null,
      downloaded: false,
    });
    expect(rows.find((row) => row.recordingId === waiting.id)).toMatchObject({ emailed: false });
  });

  it('leaves out flights younger than the cut-off and flights without raw footage', async () => {
    const b = await open();
    const young = b.flight({ flownDaysAgo: 5 });
    const bare = b.flight({ flownDaysAgo: 60 });
    b.t.sqlite.prepare(`DELETE FROM storage_usage WHERE recording_id = ? AND kind = 'raw'`).run(bare.id);
    const old = b.flight({ flownDaysAgo: 60 });
    const ids = (await readFlightFacts(b.t.db, { flownBefore: daysAgo(30) })).map((row) => row.recordingId);
    expect(ids).toEqual([old.id]);
    expect(ids).not.toContain(young.id);
  });
});

describe('the retention settings', () => {
  const open = useStorageBench();

  it('start at 30 days after a sale and 90 after an unsold flight', async () => {
    const b = await open();
    expect(await readRetentionRules(b.t.db)).toEqual({ soldRawDays: 30, unsoldRawDays: 90 });
  });

  it('are changed by an admin, stored in the settings table and audited per rule changed', async () => {
    const b = await open();
    expect(await b.value('storage.setRules', { soldRawDays: 14, unsoldRawDays: null })).toEqual({
      soldRawDays: 14,
      unsoldRawDays: null,
    });
    expect(
      b.t.sqlite.prepare(`SELECT key, value FROM settings WHERE key LIKE 'retention%' ORDER BY key`).all(),
    ).toEqual([
      { key: 'retention_sold_raw_days', value: '14' },
      { key: 'retention_unsold_raw_days', value: 'null' },
    ]);
    expect(countRows(b.t.sqlite, 'audit_logs', `entity_type = 'setting' AND user_id = ?`, b.admin.id)).toBe(
      2,
    );
    expect(await b.value('storage.rules', {})).toEqual({ soldRawDays: 14, unsoldRawDays: null });
  });

  it('refuses a rule of no days, and crew', async () => {
    const b = await open();
    const zero = await b.call('storage.setRules', { soldRawDays: 0 });
    expect(!zero.ok && zero.error.code).toBe('VALIDATION');
    const crew = await b.call('storage.setRules', { soldRawDays: 10 }, 'crew');
    expect(!crew.ok && crew.error.code).toBe('FORBIDDEN');
  });

  it('fall back to the default when a stored value is out of range', async () => {
    const b = await open();
    b.t.sqlite.prepare(`INSERT INTO settings (key, value) VALUES ('retention_sold_raw_days', '-5')`).run();
    expect((await readRetentionRules(b.t.db)).soldRawDays).toBe(30);
  });
});
