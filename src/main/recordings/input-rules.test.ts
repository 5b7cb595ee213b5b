import { describe, expect, it } from 'vitest';
import { optionalEmail, toUtcTimestamp } from './input-rules';

describe('toUtcTimestamp', () => {
  it('stores a local time with an offset as UTC in toISOString() form', () => {
    expect(toUtcTimestamp('2025-06-01T11:30:00+02:00', 'flight_at')).toBe('2025-06-01T09:30:00.000Z');
  });

  it('refuses text that is not a date, naming the field', () => {
    expect(() => toUtcTimestamp('half past ten', 'flight_at')).toThrow(
      expect.objectContaining({ code: 'VALIDATION', issues: [{ path: 'flight_at', message: 'not a date' }] }),
    );
  });
});

describe('optionalEmail', () => {
  it('trims an address and turns an empty one into null', () => {
    expect(optionalEmail('  anna@example.com ', 'customer_email')).toBe('anna@example.com');
    expect(optionalEmail('   ', 'customer_email')).toBeNull();
    expect(optionalEmail(undefined, 'customer_email')).toBeUndefined();
  });

  it('refuses an address without name@host', () => {
    expect(() => optionalEmail('anna.example.com', 'customer_email')).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });
});
