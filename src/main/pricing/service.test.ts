import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtures, openTempDatabase, type TempDatabase } from '../../../db/test-support';
import type { PriceRuleInput } from '../../shared/pricing';
import type { Viewer } from '../access/rules';
import { createFlightRecording } from '../recordings/service';
import { saleView } from '../sales/checkout';
import { createSale } from '../sales/service';
import { quoteFlight } from './quote';
import { priceRuleViews, readPriceRules, removePriceRule, savePriceRule } from './service';

let t: TempDatabase;
let admin: Viewer;
let crew: Viewer;
beforeEach(async () => {
  t = await openTempDatabase();
  const rows = fixtures(t.sqlite);
  admin = { id: rows.user({ role: 'admin', name: 'Ada' }).id, role: 'admin' };
  crew = { id: rows.user({ role: 'crew', name: 'Maya' }).id, role: 'crew' };
});
afterEach(() => t.dispose());

/** Kiosk at UTC+2: a flight at 16:30 UTC flies at 18:30 local. */
const offset = () => 120;

async function filmedFlight(flightAt: string): Promise<string> {
  const { recording } = await createFlightRecording(
    t.db,
    { passenger_names: 'Anna', flight_at: flightAt },
    crew.id,
  );
  t.sqlite
    .prepare(
      `UPDATE scene_recordings SET status = 'recorded' WHERE recording_id = ? AND scene_type = 'cruising'`,
    )
    .run(recording.id);
  return recording.id;
}

const rule = (over: Partial<PriceRuleInput> & Pick<PriceRuleInput, 'name' | 'condition' | 'effect'>) =>
  savePriceRule(t.db, { bundles: [], validFrom: null, validUntil: null, active: true, ...over }, admin.id);

const sell = (recordingId: string, seller: Viewer = crew, extra = {}) =>
  createSale(
    t.db,
    { recording_id: recordingId, bundle: 'video_only', payment_method: 'card', ...extra },
    seller,
    offset,
  );

describe('price rules in sales', () => {
  it('stores the second passenger’s discount, the rule and its receipt text on the sale', async () => {
    const ruleId = await rule({
      name: 'Second passenger',
      condition: { kind: 'nth_sale', nth: 2 },
      effect: { type: 'percent_off', value: 20 },
    });
    const flight = await filmedFlight('2026-07-15T08:00:00.000Z');
    const first = await sell(flight);
    expect(first).toMatchObject({
      amount_cents: 2500,
      discount_cents: 0,
      price_rule_id: null,
      price_rule_name: null,
    });
    const second = await sell(flight);
    expect(second).toMatchObject({
      amount_cents: 2000,
      list_price_cents: 2500,
      discount_cents: 500,
      price_rule_id: ruleId,
      price_rule_name: 'Second passenger −20 %',
    });
    const view = await saleView(t.db, crew, second.id);
    expect(view).toMatchObject({
      discountCents: 500,
      priceRuleName: 'Second passenger −20 %',
      priceChangeReason: null,
    });
  });

  it('prices a sunset flight by the kiosk’s local time of the flight', async () => {
    await rule({
      name: 'Sunset flight',
      condition: { kind: 'flight_time', from: '18:00', to: '20:30' },
      effect: { type: 'percent_off', value: 10 },
    });
    const evening = await filmedFlight('2026-07-15T16:30:00.000Z');
    const morning = await filmedFlight('2026-07-15T07:30:00.000Z');
    expect((await sell(evening)).amount_cents).toBe(2250);
    expect((await sell(morning)).amount_cents).toBe(2500);
  });

  it('quotes checkout the same price the sale then records', async () => {
    await rule({
      name: 'Combo',
      condition: { kind: 'bundle' },
      bundles: ['video_only'],
      effect: { type: 'fixed_price', value: 1900 },
    });
    const flight = await filmedFlight('2026-07-15T08:00:00.000Z');
    const quote = (await quoteFlight(t.db, flight, [{ code: 'video_only', price_cents: 2500 }], offset))?.get(
      'video_only',
    );
    expect(quote).toMatchObject({ priceCents: 1900, discountCents: 600, ruleLabel: 'Combo' });
    const sale = await sell(flight, crew, { quoted_price_cents: quote?.priceCents });
    expect(sale.amount_cents).toBe(1900);
  });

  it('refuses a sale whose price changed since checkout quoted it', async () => {
    const flight = await filmedFlight('2026-07-15T08:00:00.000Z');
    await rule({
      name: 'Second passenger',
      condition: { kind: 'nth_sale', nth: 2 },
      effect: { type: 'amount_off', value: 500 },
    });
    await sell(flight);
    await expect(sell(flight, crew, { quoted_price_cents: 2500 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('keeps an admin’s manual change over the rule, recording both', async () => {
    await rule({
      name: 'Second passenger',
      condition: { kind: 'nth_sale', nth: 2 },
      effect: { type: 'percent_off', value: 20 },
    });
    const flight = await filmedFlight('2026-07-15T08:00:00.000Z');
    await sell(flight);
    const sale = await sell(flight, admin, { amount_cents: 1500, price_change_reason: 'Regular customer' });
    expect(sale).toMatchObject({
      amount_cents: 1500,
      list_price_cents: 2500,
      discount_cents: 500,
      price_rule_name: 'Second passenger −20 %',
      price_change_reason: 'Regular customer',
    });
    const view = await saleView(t.db, admin, sale.id);
    expect(view).toMatchObject({ priceChangeReason: 'Regular customer', discountCents: 500 });
  });

  it('lets crew charge only the rule’s price', async () => {
    const flight = await filmedFlight('2026-07-15T08:00:00.000Z');
    await rule({
      name: 'Combo',
      condition: { kind: 'bundle' },
      bundles: ['video_only'],
      effect: { type: 'amount_off', value: 100 },
    });
    await expect(sell(flight, crew, { amount_cents: 2500 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps a deleted rule’s name and discount on the sales it priced', async () => {
    const ruleId = await rule({
      name: 'Combo',
      condition: { kind: 'bundle' },
      bundles: ['video_only'],
      effect: { type: 'amount_off', value: 300 },
    });
    const sale = await sell(await filmedFlight('2026-07-15T08:00:00.000Z'));
    expect((await priceRuleViews(t.db))[0]?.usedCount).toBe(1);
    await removePriceRule(t.db, ruleId, admin.id);
    expect(await priceRuleViews(t.db)).toEqual([]);
    expect(await saleView(t.db, crew, sale.id)).toMatchObject({
      amountCents: 2200,
      discountCents: 300,
      priceRuleName: 'Combo',
    });
  });

  it('applies no rule switched off, and one switched on again', async () => {
    const input = {
      name: 'Combo',
      condition: { kind: 'bundle' as const },
      bundles: ['video_only'],
      effect: { type: 'amount_off' as const, value: 300 },
    };
    const id = await rule({ ...input, active: false });
    const flight = await filmedFlight('2026-07-15T08:00:00.000Z');
    expect((await sell(flight)).amount_cents).toBe(2500);
    await rule({ ...input, id, active: true });
    expect((await sell(flight)).amount_cents).toBe(2200);
  });
});

describe('the rules kept', () => {
  it('refuses a rule for a bundle the catalogue does not have', async () => {
    await expect(
      rule({
        name: 'Ghost',
        condition: { kind: 'bundle' },
        bundles: ['no_such'],
        effect: { type: 'amount_off', value: 1 },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('lists rules in the order added, and reads them back as saved', async () => {
    await rule({
      name: 'First',
      condition: { kind: 'nth_sale', nth: 3 },
      effect: { type: 'amount_off', value: 100 },
      validFrom: '2026-07-01',
      validUntil: '2026-08-31',
    });
    await rule({
      name: 'Second',
      condition: { kind: 'flight_time', from: '22:00', to: '02:00' },
      effect: { type: 'percent_off', value: 5 },
    });
    const views = await priceRuleViews(t.db);
    expect(views.map((v) => [v.name, v.sortOrder])).toEqual([
      ['First', 1],
      ['Second', 2],
    ]);
    expect(views[0]).toMatchObject({
      condition: { kind: 'nth_sale', nth: 3 },
      validFrom: '2026-07-01',
      validUntil: '2026-08-31',
      bundles: [],
    });
    expect(views[1]?.condition).toEqual({ kind: 'flight_time', from: '22:00', to: '02:00' });
  });

  it('skips a rule whose stored conditions no longer read, rather than applying it to everything', async () => {
    const id = await rule({
      name: 'Broken',
      condition: { kind: 'nth_sale', nth: 2 },
      effect: { type: 'amount_off', value: 100 },
    });
    t.sqlite.prepare(`UPDATE price_rules SET conditions = '{"nth":"two"}' WHERE id = ?`).run(id);
    expect(await readPriceRules(t.db)).toEqual([]);
  });

  it('is guarded by the database too: no rule takes 100 % off', () => {
    expect(() =>
      t.sqlite
        .prepare(
          `INSERT INTO price_rules (id, name, kind, effect, effect_value) VALUES ('x', 'All', 'bundle', 'percent_off', 100)`,
        )
        .run(),
    ).toThrow(/CHECK/);
  });
});
