import { describe, expect, it } from 'vitest';
import { priceFor, type PricedRule, type PriceSituation } from './price';

const rule = (over: Partial<PricedRule> & Pick<PricedRule, 'condition' | 'effect'>): PricedRule => ({
  id: over.name ?? 'rule',
  name: 'Rule',
  bundles: [],
  validFrom: null,
  validUntil: null,
  active: true,
  sortOrder: 0,
  ...over,
});

const situation = (over: Partial<PriceSituation> = {}): PriceSituation => ({
  bundle: { code: 'video_photos', priceCents: 4500 },
  flightDay: '2026-07-15',
  flightMinute: 10 * 60,
  earlierSales: 0,
  ...over,
});

const sunset = rule({
  name: 'Sunset flight',
  condition: { kind: 'flight_time', from: '18:00', to: '20:30' },
  effect: { type: 'percent_off', value: 10 },
});
const second = rule({
  name: 'Second passenger',
  condition: { kind: 'nth_sale', nth: 2 },
  effect: { type: 'percent_off', value: 20 },
});
const combo = rule({
  name: 'Combo price',
  condition: { kind: 'bundle' },
  bundles: ['video_photos'],
  effect: { type: 'fixed_price', value: 4000 },
});

describe('priceFor', () => {
  it('charges the list price when no rule applies, and names no rule', () => {
    expect(priceFor([sunset, second], situation())).toEqual({
      listPriceCents: 4500,
      discountCents: 0,
      priceCents: 4500,
      ruleId: null,
      ruleLabel: null,
    });
  });

  it('takes a percent off the second sale of a flight and every one after it, not the first', () => {
    expect(priceFor([second], situation({ earlierSales: 0 })).discountCents).toBe(0);
    expect(priceFor([second], situation({ earlierSales: 1 }))).toMatchObject({
      discountCents: 900,
      priceCents: 3600,
      ruleLabel: 'Second passenger −20 %',
    });
    expect(priceFor([second], situation({ earlierSales: 4 })).priceCents).toBe(3600);
  });

  it('counts a flight at the window’s first minute and not at its last', () => {
    expect(priceFor([sunset], situation({ flightMinute: 18 * 60 - 1 })).discountCents).toBe(0);
    expect(priceFor([sunset], situation({ flightMinute: 18 * 60 })).discountCents).toBe(450);
    expect(priceFor([sunset], situation({ flightMinute: 20 * 60 + 29 })).discountCents).toBe(450);
    expect(priceFor([sunset], situation({ flightMinute: 20 * 60 + 30 })).discountCents).toBe(0);
  });

  it('runs a window past midnight when it ends before it starts', () => {
    const night = rule({
      condition: { kind: 'flight_time', from: '22:00', to: '02:00' },
      effect: { type: 'amount_off', value: 500 },
    });
    expect(priceFor([night], situation({ flightMinute: 23 * 60 })).discountCents).toBe(500);
    expect(priceFor([night], situation({ flightMinute: 60 })).discountCents).toBe(500);
    expect(priceFor([night], situation({ flightMinute: 2 * 60 })).discountCents).toBe(0);
    expect(priceFor([night], situation({ flightMinute: 12 * 60 })).discountCents).toBe(0);
  });

  it('sells a bundle at its fixed price, and leaves other bundles alone', () => {
    expect(priceFor([combo], situation())).toMatchObject({ priceCents: 4000, ruleLabel: 'Combo price' });
    const videoOnly = situation({ bundle: { code: 'video_only', priceCents: 2500 } });
    expect(priceFor([combo], videoOnly).discountCents).toBe(0);
  });

  it('gives no discount for a fixed price above the list price', () => {
    const dear = rule({
      condition: { kind: 'bundle' },
      bundles: ['video_photos'],
      effect: { type: 'fixed_price', value: 5000 },
    });
    expect(priceFor([dear], situation()).priceCents).toBe(4500);
  });

  it('applies the single best discount for the customer, never two together', () => {
    const late = situation({ flightMinute: 19 * 60, earlierSales: 1 });
    // Sunset −450, second passenger −900, combo −500: the second passenger wins alone.
    expect(priceFor([sunset, combo, second], late)).toMatchObject({
      discountCents: 900,
      priceCents: 3600,
      ruleId: 'Second passenger',
    });
    expect(priceFor([sunset, combo], late)).toMatchObject({ discountCents: 500, ruleLabel: 'Combo price' });
  });

  it('breaks a tie by the rule listed first', () => {
    const a = rule({
      name: 'A',
      sortOrder: 2,
      condition: { kind: 'bundle' },
      effect: { type: 'amount_off', value: 300 },
    });
    const b = rule({
      name: 'B',
      sortOrder: 1,
      condition: { kind: 'bundle' },
      effect: { type: 'amount_off', value: 300 },
    });
    expect(priceFor([a, b], situation()).ruleLabel).toBe('B');
  });

  it('rounds a percent to the nearest cent, halves up', () => {
    const tenth = rule({ condition: { kind: 'bundle' }, effect: { type: 'percent_off', value: 15 } });
    // 15 % of 1999 = 299.85 → 300; of 1990 = 298.5 → 299; of 1001 = 150.15 → 150.
    expect(priceFor([tenth], situation({ bundle: { code: 'x', priceCents: 1999 } })).priceCents).toBe(1699);
    expect(priceFor([tenth], situation({ bundle: { code: 'x', priceCents: 1990 } })).priceCents).toBe(1691);
    expect(priceFor([tenth], situation({ bundle: { code: 'x', priceCents: 1001 } })).priceCents).toBe(851);
  });

  it('never takes the price below 1 cent', () => {
    const big = rule({ condition: { kind: 'bundle' }, effect: { type: 'amount_off', value: 10_000 } });
    expect(priceFor([big], situation())).toMatchObject({ discountCents: 4499, priceCents: 1 });
    const most = rule({ condition: { kind: 'bundle' }, effect: { type: 'percent_off', value: 99 } });
    expect(priceFor([most], situation({ bundle: { code: 'x', priceCents: 1 } })).priceCents).toBe(1);
  });

  it('ignores a rule switched off, and one outside its days (both days included)', () => {
    expect(priceFor([{ ...second, active: false }], situation({ earlierSales: 1 })).discountCents).toBe(0);
    const july = { ...second, validFrom: '2026-07-01', validUntil: '2026-07-15' };
    expect(priceFor([july], situation({ earlierSales: 1, flightDay: '2026-07-01' })).discountCents).toBe(900);
    expect(priceFor([july], situation({ earlierSales: 1, flightDay: '2026-07-15' })).discountCents).toBe(900);
    expect(priceFor([july], situation({ earlierSales: 1, flightDay: '2026-07-16' })).discountCents).toBe(0);
    expect(priceFor([july], situation({ earlierSales: 1, flightDay: '2026-06-30' })).discountCents).toBe(0);
  });

  it('applies a rule limited to bundles only to those bundles', () => {
    const videoOnlySecond = { ...second, bundles: ['video_only'] };
    const late = situation({ earlierSales: 1 });
    expect(priceFor([videoOnlySecond], late).discountCents).toBe(0);
    expect(
      priceFor([videoOnlySecond], { ...late, bundle: { code: 'video_only', priceCents: 2500 } }).priceCents,
    ).toBe(2000);
  });
});
