import { describe, expect, it } from 'vitest';
import { amountProblem, formatMoney, parseAmount, plural } from './format';

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

describe('amountProblem', () => {
  const problem = (text: string) => amountProblem(text, 'price', '45.00', 'USD');

  it('takes an amount up to the most the kiosk takes', () => {
    expect(problem('45')).toBeNull();
    expect(problem('100000')).toBeNull();
  });

  it.each(['120000', '999999999', '1234567.50'])('says %j is too large, not that it is no price', (text) => {
    expect(problem(text)).toBe('The price can be at most $100,000.00.');
  });

  it.each(['0', '0.00', ' 0,0 '])('says %j must be above 0', (text) => {
    expect(problem(text)).toBe('The price must be above 0.');
  });

  it.each(['', '   ', 'abc', '-5', '4.555', '😀'])('asks for a price for %j', (text) => {
    expect(problem(text)).toBe('Type the price, for example 45.00.');
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
