// The one price function: what a bundle costs for a flight under the admin's price rules. Pure — quote.ts
// reads the inputs from the database, and both checkout's preview and the saved sale go through it.
//
// How rules combine: every active rule whose conditions hold is worked out on its own against the list price,
// and the single best discount for the customer wins (ties: the rule listed first). Rules never stack. A
// discount never takes the price below 1 cent (a sale's amount is above 0) and a "fixed price" above the list
// price is no discount at all. Percentages round to the nearest cent, halves up. A rule's times and days are
// the flight's (its local time on the kiosk), not the moment of the sale: a sunset flight sold the next
// morning is still a sunset flight. "Nth sale" counts the flight's completed sales before this one.
import type { PriceCondition, PriceEffect, PriceQuote } from '../../shared/pricing';

export interface PricedRule {
  id: string;
  name: string;
  condition: PriceCondition;
  /** Bundle codes the rule is for; empty for every bundle. */
  bundles: readonly string[];
  effect: PriceEffect;
  validFrom: string | null;
  validUntil: string | null;
  active: boolean;
  sortOrder: number;
}

export interface PriceSituation {
  bundle: { code: string; priceCents: number };
  /** The flight's local day ('YYYY-MM-DD') and minute of the day (0–1439). */
  flightDay: string;
  flightMinute: number;
  /** Completed sales of this flight before the one being priced. */
  earlierSales: number;
}

/** '18:30' → 1110. */
export function minuteOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function conditionHolds(condition: PriceCondition, situation: PriceSituation): boolean {
  switch (condition.kind) {
    case 'nth_sale':
      return situation.earlierSales + 1 >= condition.nth;
    case 'flight_time': {
      const from = minuteOfDay(condition.from);
      const to = minuteOfDay(condition.to);
      const at = situation.flightMinute;
      // A window like 22:00–02:00 runs past midnight.
      return from < to ? at >= from && at < to : at >= from || at < to;
    }
    case 'bundle':
      return true;
  }
}

export function ruleApplies(rule: PricedRule, situation: PriceSituation): boolean {
  if (!rule.active) return false;
  if (rule.bundles.length > 0 && !rule.bundles.includes(situation.bundle.code)) return false;
  if (rule.validFrom !== null && situation.flightDay < rule.validFrom) return false;
  if (rule.validUntil !== null && situation.flightDay > rule.validUntil) return false;
  return conditionHolds(rule.condition, situation);
}

/** What the effect takes off a list price, before the never-below-1-cent limit. */
export function effectDiscount(effect: PriceEffect, listPriceCents: number): number {
  switch (effect.type) {
    case 'percent_off':
      return Math.floor((listPriceCents * effect.value + 50) / 100);
    case 'amount_off':
      return effect.value;
    case 'fixed_price':
      return listPriceCents - effect.value;
  }
}

/** The rule as the receipt prints it: a percent rule says its percent, the others their name. */
export function ruleLabel(rule: Pick<PricedRule, 'name' | 'effect'>): string {
  return rule.effect.type === 'percent_off' ? `${rule.name} −${rule.effect.value} %` : rule.name;
}

export function priceFor(rules: readonly PricedRule[], situation: PriceSituation): PriceQuote {
  const list = situation.bundle.priceCents;
  let best: { rule: PricedRule; discount: number } | null = null;
  const ordered = [...rules].sort((a, b) => a.sortOrder - b.sortOrder);
  for (const rule of ordered) {
    if (!ruleApplies(rule, situation)) continue;
    const discount = Math.min(effectDiscount(rule.effect, list), list - 1);
    if (discount > 0 && (best === null || discount > best.discount)) best = { rule, discount };
  }
  if (!best) {
    return { listPriceCents: list, discountCents: 0, priceCents: list, ruleId: null, ruleLabel: null };
  }
  return {
    listPriceCents: list,
    discountCents: best.discount,
    priceCents: list - best.discount,
    ruleId: best.rule.id,
    ruleLabel: ruleLabel(best.rule),
  };
}
