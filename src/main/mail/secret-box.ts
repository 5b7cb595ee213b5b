// Secrets the kiosk must keep but never show (the SMTP password): stored only encrypted, and opened only in
// main when a message is sent. Two boxes: the OS keychain through Electron's safeStorage (src/main/electron/
// safe-storage.ts) where the kiosk runs in Electron, and on the browser-kiosk host a random key in
// <data>/secret.key. That key file never leaves the kiosk: backups (backups/engine/sources.ts) and diagnostics
// skip it, so a backup or a support bundle holds the password only as ciphertext nobody there can open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { SecretBoxKind } from '../../../db/schema';

export interface SecretBox {
  kind: SecretBoxKind;
  /** Async: the keychain lives in the Electron main process, one process away from the services. */
  encrypt(text: string): Promise<Buffer>;
  /** Rejects when the bytes were not made by this box (another kiosk's key, a changed keychain). */
  decrypt(sealed: Buffer): Promise<string>;
}

/** The local key's file name, directly in the data folder. */
export const SECRET_KEY_FILE = 'secret.key';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 1;

/** Writes the key whole (temp file, fsync, rename), readable by the kiosk's user only. */
function writeKeyFile(file: string, key: Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, key);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}

function loadOrMakeKey(file: string): Buffer {
  try {
    const key = readFileSync(file);
    if (key.length === KEY_BYTES) return key;
    throw new Error(`${file} is not a key this kiosk made (it has ${key.length} bytes, not ${KEY_BYTES}).`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(KEY_BYTES);
  writeKeyFile(file, key);
  return key;
}

/** AES-256-GCM with the kiosk's own key: version byte, IV, tag, ciphertext. */
export function createLocalKeyBox(dataDir: string): SecretBox {
  const file = path.join(dataDir, SECRET_KEY_FILE);
  let key: Buffer | null = null;
  const keyNow = () => (key ??= loadOrMakeKey(file));
  return {
    kind: 'local-key',
    async encrypt(text) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', keyNow(), iv);
      const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([FORMAT]), iv, cipher.getAuthTag(), sealed]);
    },
    async decrypt(sealed) {
      if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== FORMAT) {
        throw new Error('The stored password was not encrypted by this kiosk. Type the password again.');
      }
      const iv = sealed.subarray(1, 1 + IV_BYTES);
      const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', keyNow(), iv);
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([
          decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new Error('The stored password cannot be read with this kiosk’s key. Type the password again.');
      }
    },
  };
}
