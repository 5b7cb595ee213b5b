import { describe, expect, it } from 'vitest';
import { DEFAULT_PIN_HASH_PARAMS, hashPin, parseStoredPin, verifyPin } from './pin';
import { FAST_PIN_PARAMS } from './test-support';

describe('PIN hashing', () => {
  it('accepts the PIN it was made from', async () => {
    const stored = await hashPin('4821', FAST_PIN_PARAMS);
    await expect(verifyPin('4821', stored)).resolves.toBe(true);
  });

  it('refuses a wrong PIN, including one that differs only in length', async () => {
    const stored = await hashPin('4821', FAST_PIN_PARAMS);
    for (const wrong of ['4822', '1284', '48210', '482']) {
      await expect(verifyPin(wrong, stored)).resolves.toBe(false);
    }
  });

  it('salts every hash, so two people with the same PIN get different stored values', async () => {
    const a = await hashPin('1234', FAST_PIN_PARAMS);
    const b = await hashPin('1234', FAST_PIN_PARAMS);
    expect(a).not.toBe(b);
    expect(parseStoredPin(a)?.salt.equals(parseStoredPin(b)!.salt)).toBe(false);
    await expect(verifyPin('1234', b)).resolves.toBe(true);
  });

  it('stores scheme, cost, salt and hash, and never the PIN itself', async () => {
    const stored = await hashPin('4821', FAST_PIN_PARAMS);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(stored).not.toContain('4821');
  });

  it('verifies with the cost stored beside the hash, so raising the default keeps old PINs working', async () => {
    const old = await hashPin('2468', { N: 2048, r: 8, p: 1 });
    await expect(verifyPin('2468', old)).resolves.toBe(true);
  });

  it('uses a slow default cost (at least 2^15) for real PINs', async () => {
    expect(DEFAULT_PIN_HASH_PARAMS.N).toBeGreaterThanOrEqual(2 ** 15);
    const stored = await hashPin('4821');
    expect(parseStoredPin(stored)?.params).toEqual(DEFAULT_PIN_HASH_PARAMS);
    await expect(verifyPin('4821', stored)).resolves.toBe(true);
  });

  it('never matches a stored value it cannot read, or one with an absurd cost', async () => {
    const good = await hashPin('4821', FAST_PIN_PARAMS);
    const [, , r, p, salt, key] = good.split('$');
    for (const bad of [
      '',
      'plain-4821',
      good.replace('scrypt', 'bcrypt'),
      ['scrypt', 1000, r, p, salt, key].join('$'),
      ['scrypt', 2 ** 24, r, p, salt, key].join('$'),
      ['scrypt', 1024, r, p, salt, 'c2hvcnQ='].join('$'),
    ]) {
      await expect(verifyPin('4821', bad)).resolves.toBe(false);
    }
  });
});
