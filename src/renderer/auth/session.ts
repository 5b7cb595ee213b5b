// Who is signed in on this screen, and whether the screen is locked. Locking never unmounts the screens below,
// so whatever was on them (a recording in progress, an edit) is still there after unlocking.
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { AuthStatus, SignedInUser } from '../../shared/auth';
import { getMagnum } from '../shell/magnum';

interface SessionState {
  status: AuthStatus | null;
  user: SignedInUser | null;
  idleLockMinutes: number;
  locked: boolean;
  busy: boolean;
  error: AppError | null;
  loadStatus(): Promise<void>;
  setup(name: string, pin: string): Promise<boolean>;
  signIn(userId: string, pin: string): Promise<boolean>;
  signOut(): Promise<void>;
  lock(): void;
  clearError(): void;
  /** Main said the session is gone (expired, user deactivated): back to the sign-in screen. */
  sessionEnded(): void;
}

const NO_BRIDGE: AppError = {
  code: 'UNAVAILABLE',
  message:
    'This screen is not connected to the kiosk service. Start MagnumStream with "npm start" or "npm run kiosk".',
};

export const useSessionStore = create<SessionState>((set, get) => ({
  status: null,
  user: null,
  idleLockMinutes: 10,
  locked: false,
  busy: false,
  error: null,

  async loadStatus() {
    const magnum = getMagnum();
    if (!magnum) return set({ error: NO_BRIDGE });
    const result = await magnum.auth.status({});
    if (result.ok) set({ status: result.value, idleLockMinutes: result.value.idleLockMinutes });
    else set({ error: result.error });
  },

  async setup(name, pin) {
    const magnum = getMagnum();
    if (!magnum) return (set({ error: NO_BRIDGE }), false);
    set({ busy: true, error: null });
    const result = await magnum.auth.setup({ name, pin });
    if (!result.ok) return (set({ busy: false, error: result.error }), false);
    const { user, idleLockMinutes } = result.value;
    set({ busy: false, user, idleLockMinutes, locked: false });
    return true;
  },

  async signIn(userId, pin) {
    const magnum = getMagnum();
    if (!magnum) return (set({ error: NO_BRIDGE }), false);
    set({ busy: true, error: null });
    const result = await magnum.auth.signIn({ userId, pin });
    if (!result.ok) {
      set({ busy: false, error: result.error });
      void get().loadStatus();
      return false;
    }
    const { user, idleLockMinutes } = result.value;
    set({ busy: false, user, idleLockMinutes, locked: false });
    return true;
  },

  async signOut() {
    await getMagnum()?.auth.signOut({});
    set({ user: null, locked: false, error: null });
    await get().loadStatus();
  },

  lock() {
    if (get().user) set({ locked: true, error: null });
  },

  clearError() {
    set({ error: null });
  },

  sessionEnded() {
    set({ user: null, locked: false });
    void get().loadStatus();
  },
}));

/** Stores call this with every failed result: an UNAUTHENTICATED answer means the session is over. */
export function noticeSessionError(error: AppError): void {
  if (error.code === 'UNAUTHENTICATED' && useSessionStore.getState().user)
    useSessionStore.getState().sessionEnded();
}
