// A rule in the operator's words for the list ("Flights 18:00–20:30 · 10 % off · every bundle"), and the
// time a crew member types on the number pad ("18.30", "1830") read as "18:30".
import type { PriceRuleView } from '../../shared/pricing';
import { formatMoney } from '../format';

export function whenText(rule: Pick<PriceRuleView, 'condition'>): string {
  const { condition } = rule;
  switch (condition.kind) {
    case 'nth_sale':
      return condition.nth === 2
        ? 'Second passenger of a flight and later'
        : `Passenger ${condition.nth} of a flight and later`;
    case 'flight_time':
      return `Flights ${condition.from}–${condition.to}`;
    case 'bundle':
      return 'Always';
  }
}

export function effectText(rule: Pick<PriceRuleView, 'effect'>, currency: string): string {
  const { effect } = rule;
  switch (effect.type) {
    case 'percent_off':
      return `${effect.value} % off`;
    case 'amount_off':
      return `${formatMoney(effect.value, currency)} off`;
    case 'fixed_price':
      return `for ${formatMoney(effect.value, currency)}`;
  }
}

export function describeRule(
  rule: PriceRuleView,
  currency: string,
  labelOf: (code: string) => string,
): string {
  const bundles = rule.bundles.length === 0 ? 'every bundle' : rule.bundles.map(labelOf).join(' or ');
  const days =
    rule.validFrom || rule.validUntil
      ? ` · ${rule.validFrom ?? 'any day'} to ${rule.validUntil ?? 'no end'}`
      : '';
  return `${whenText(rule)} · ${bundles} ${effectText(rule, currency)}${days}`;
}

/** "18.30", "18:30", "1830", "9.05" → "18:30" / "09:05"; null when it is not a time of day. */
export function readClockTime(text: string): string | null {
  // The separator is optional, so "1830" reads as 18 and 30.
  const match = /^\s*(\d{1,2})(?:[.:\s]?(\d{2}))?\s*$/.exec(text);
  if (!match) return null;
  const hours = match[1] ?? '';
  const minutes = match[2] ?? '00';
  if (Number(hours) > 23 || Number(minutes) > 59) return null;
  return `${hours.padStart(2, '0')}:${minutes}`;
}
