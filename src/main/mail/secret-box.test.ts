// The local-key box of the browser-kiosk host: a real key file in a temp data folder.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../db/test-support';
import { createLocalKeyBox, SECRET_KEY_FILE } from './secret-box';

const PASSWORD = 'Sm7p-Pa55word!';

describe('the local-key secret box', () => {
  it('encrypts to bytes without the password in them and opens them again, with a fresh IV each time', async () => {
    const dir = makeTempDir('magnum-secret-');
    const box = createLocalKeyBox(dir);
    const sealed = await box.encrypt(PASSWORD);
    expect(sealed.includes(Buffer.from(PASSWORD))).toBe(false);
    expect((await box.encrypt(PASSWORD)).equals(sealed)).toBe(false);
    expect(await box.decrypt(sealed)).toBe(PASSWORD);
    expect(box.kind).toBe('local-key');
  });

  it('writes a 32-byte key readable by the kiosk’s user only, and reuses it after a restart', async () => {
    const dir = makeTempDir('magnum-secret-');
    const sealed = await createLocalKeyBox(dir).encrypt(PASSWORD);
    const file = path.join(dir, SECRET_KEY_FILE);
    expect(readFileSync(file)).toHaveLength(32);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await createLocalKeyBox(dir).decrypt(sealed)).toBe(PASSWORD);
  });

  it('makes no key file until something is encrypted', () => {
    const dir = makeTempDir('magnum-secret-');
    createLocalKeyBox(dir);
    expect(existsSync(path.join(dir, SECRET_KEY_FILE))).toBe(false);
  });

  it('refuses, in plain words, bytes sealed with another kiosk’s key or changed on disk', async () => {
    const sealed = await createLocalKeyBox(makeTempDir('magnum-secret-')).encrypt(PASSWORD);
    await expect(createLocalKeyBox(makeTempDir('magnum-secret-')).decrypt(sealed)).rejects.toThrow(
      /Type the password again/,
    );
    const dir = makeTempDir('magnum-secret-');
    const box = createLocalKeyBox(dir);
    const tampered = Buffer.from(await box.encrypt(PASSWORD));
    tampered[tampered.length - 1]! ^= 1;
    await expect(box.decrypt(tampered)).rejects.toThrow(/Type the password again/);
    await expect(box.decrypt(Buffer.from('short'))).rejects.toThrow(/not encrypted by this kiosk/);
  });

  it('refuses a key file that is not one it made instead of overwriting it', async () => {
    const dir = makeTempDir('magnum-secret-');
    writeFileSync(path.join(dir, SECRET_KEY_FILE), 'not a key');
    await expect(createLocalKeyBox(dir).encrypt(PASSWORD)).rejects.toThrow(/not a key this kiosk made/);
    expect(readFileSync(path.join(dir, SECRET_KEY_FILE), 'utf8')).toBe('not a key');
  });
});
