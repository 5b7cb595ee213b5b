// The OS keychain as a SecretBox, through Electron's safeStorage (Keychain on macOS, DPAPI on Windows,
// libsecret/kwallet on Linux). Thin on purpose: the rest of main only sees SecretBox. On Linux without a
// keyring safeStorage falls back to a hard-coded key ("basic_text"), which protects nothing, so that counts as
// not available and the kiosk uses its local key instead (mail/secret-box.ts).
import { safeStorage } from 'electron';
import type { SecretBox } from '../mail/secret-box';

/** The keychain box, or null when this computer has no keychain Electron can use (call after app ready). */
export function osKeychainBox(): SecretBox | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  return {
    kind: 'os-keychain',
    encrypt: async (text) => safeStorage.encryptString(text),
    decrypt: async (sealed) => {
      try {
        return safeStorage.decryptString(sealed);
      } catch {
        throw new Error(
          'The stored password cannot be read with this computer’s keychain. Type the password again.',
        );
      }
    },
  };
}
