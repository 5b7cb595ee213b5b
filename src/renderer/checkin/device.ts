// Whether this screen is a passenger check-in screen: it keeps the device token main gave it in localStorage,
// so a reload, a closed tab or a restarted tablet stays locked to the form until staff sign in on it.
import { create } from 'zustand';
import { deviceTokenSchema } from '../../shared/checkin';

export const DEVICE_TOKEN_KEY = 'magnum.checkinDevice';

function readToken(): string | null {
  try {
    const token = window.localStorage.getItem(DEVICE_TOKEN_KEY);
    return token !== null && deviceTokenSchema.safeParse(token).success ? token : null;
  } catch {
    return null;
  }
}

interface DeviceState {
  /** The check-in screen's token, or null on a normal staff screen. */
  token: string | null;
  keep(token: string): void;
  forget(): void;
}

export const useCheckinDevice = create<DeviceState>((set) => ({
  token: readToken(),
  keep(token) {
    try {
      window.localStorage.setItem(DEVICE_TOKEN_KEY, token);
    } catch {
      // No storage: the screen stays a check-in screen until it is reloaded.
    }
    set({ token });
  },
  forget() {
    try {
      window.localStorage.removeItem(DEVICE_TOKEN_KEY);
    } catch {
      // Nothing was kept.
    }
    set({ token: null });
  },
}));
