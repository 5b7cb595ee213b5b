import { describe, expect, it } from 'vitest';
import { formatMoney, parseAmount, plural } from './format';

describe('parseAmount', () => {
  it.each([
    ['45', 4500],
    ['45.5', 4550],
    ['45.50', 4550],
    ['45,50', 4550],
    [' 0.99 ', 99],
    ['120000', 12_000_000],
  ])('reads %s as %i cents', (text, cents) => {
    expect(parseAmount(text)).toBe(cents);
  });

  it.each(['', '0', '0.00', '-5', '4.555', '45.', 'abc', '1e3', '1234567'])('refuses %j', (text) => {
    expect(parseAmount(text)).toBeNull();
  });
});

describe('formatMoney', () => {
  it('shows cents as currency units', () => {
    expect(formatMoney(4500, 'USD')).toMatch(/45\.00/);
  });

  it('still shows the amount for a code Intl does not know', () => {
    expect(formatMoney(4500, 'usd!')).toBe('45.00 usd!');
  });
});

describe('plural', () => {
  it('names one thing in the singular', () => {
    expect(plural(1, 'minute')).toBe('1 minute');
  });

  it.each([
    [0, '0 minutes'],
    [2, '2 minutes'],
    [1.5, '1.5 minutes'],
  ])('names %d things in the plural', (count, text) => {
    expect(plural(count, 'minute')).toBe(text);
  });

  it('takes an irregular plural', () => {
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
    expect(plural(3, 'entry', 'entries')).toBe('3 entries');
  });

  it('groups the digits of a large count', () => {
    expect(plural(12_500, 'flight')).toBe(`${(12_500).toLocaleString()} flights`);
  });
});
