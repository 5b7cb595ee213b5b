// The Electron binary cannot run on our build machines, so the keychain box is checked with `electron` mocked:
// it passes text to safeStorage and back, and stands aside when safeStorage would not really encrypt.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const storage = vi.hoisted(() => ({
  available: true,
  backend: 'gnome_libsecret',
}));
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => storage.available,
    getSelectedStorageBackend: () => storage.backend,
    encryptString: (text: string) => Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`),
    decryptString: (sealed: Buffer) => {
      const text = sealed.toString();
      if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided');
      return Buffer.from(text.slice(7), 'base64').toString();
    },
  },
}));

const { osKeychainBox } = await import('./safe-storage');

beforeEach(() => {
  storage.available = true;
  storage.backend = 'gnome_libsecret';
});

describe('the OS keychain secret box', () => {
  it('seals with safeStorage and opens what it sealed', async () => {
    const box = osKeychainBox();
    expect(box?.kind).toBe('os-keychain');
    const sealed = await box!.encrypt('hunter2-smtp');
    expect(sealed.includes(Buffer.from('hunter2-smtp'))).toBe(false);
    expect(await box!.decrypt(sealed)).toBe('hunter2-smtp');
  });

  it('is not offered when safeStorage cannot encrypt', () => {
    storage.available = false;
    expect(osKeychainBox()).toBeNull();
  });

  it.runIf(process.platform === 'linux')(
    'is not offered on Linux when only the basic_text fallback exists',
    () => {
      storage.backend = 'basic_text';
      expect(osKeychainBox()).toBeNull();
    },
  );

  it('says in plain words when the keychain cannot open the stored bytes', async () => {
    await expect(osKeychainBox()!.decrypt(Buffer.from('garbage'))).rejects.toThrow(/Type the password again/);
  });
});
