// PIN hashing. A 4-digit PIN has only 10 000 values, so the hash must be slow (scrypt) and salted per user:
// a copied database then costs minutes per PIN instead of microseconds. The stored text names its own
// parameters, so the cost can be raised later without breaking PINs already set.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface PinHashParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** About 60-130 ms and 32 MiB per hash on kiosk hardware: slow for a thief, unnoticeable on a PIN pad. */
export const DEFAULT_PIN_HASH_PARAMS: PinHashParams = { N: 2 ** 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const SCHEME = 'scrypt';
/** Stored parameters above this are refused rather than run: a tampered row must not hang the kiosk. */
const MAX_N = 2 ** 20;

function derive(pin: string, salt: Buffer, { N, r, p }: PinHashParams): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; Node's default ceiling (32 MiB) is exactly the default cost, so lift it.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64), with a fresh random salt. */
export async function hashPin(pin: string, params: PinHashParams = DEFAULT_PIN_HASH_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(pin, salt, params);
  return [SCHEME, params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface StoredPin {
  params: PinHashParams;
  salt: Buffer;
  key: Buffer;
}

export function parseStoredPin(stored: string): StoredPin | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== SCHEME) return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const isPowerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!isPowerOfTwo || N > MAX_N || !Number.isInteger(r) || r < 1 || r > 32) return null;
  if (!Number.isInteger(p) || p < 1 || p > 16) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const key = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length < SALT_BYTES || key.length !== KEY_BYTES) return null;
  return { params: { N, r, p }, salt, key };
}

/** True when the PIN matches. A stored value we cannot read never matches. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parsed = parseStoredPin(stored);
  if (!parsed) return false;
  const key = await derive(pin, parsed.salt, parsed.params);
  return timingSafeEqual(key, parsed.key);
}
