// Who is signed in on this screen, and whether the screen is locked. Locking never unmounts the screens below,
// so whatever was on them (a recording in progress, an edit) is still there after unlocking. A reload keeps the
// session (the transport keeps its token for this tab), the screen and the lock; someone new starts at home.
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { AuthStatus, SignedInUser } from '../../shared/auth';
import { getMagnum } from '../shell/magnum';
import { resetRoute } from '../shell/route';

interface SessionState {
  status: AuthStatus | null;
  user: SignedInUser | null;
  idleLockMinutes: number;
  locked: boolean;
  busy: boolean;
  error: AppError | null;
  /** True until main has said whether the session this tab kept is still live (at page load). */
  resuming: boolean;
  /** Main ended the session while someone worked (expired, PIN or access changed): the sign-in screen says so. */
  endedByKiosk: boolean;
  /** At page load: carries on with the session this tab kept, on the same screen, or leaves sign-in showing. */
  resume(): Promise<void>;
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
  resuming: true,
  endedByKiosk: false,

  async resume() {
    const magnum = getMagnum();
    if (!magnum) return set({ resuming: false, error: NO_BRIDGE });
    set({ resuming: true, error: null });
    const result = await magnum.auth.session({});
    if (result.ok) {
      const { user, idleLockMinutes } = result.value;
      set({ resuming: false, user, idleLockMinutes, locked: wasLocked(user.id) });
    } else if (result.error.code === 'UNAUTHENTICATED') {
      // Nothing kept, or a session main no longer accepts (expired, ended): the transport has forgotten it.
      forgetLock();
      set({ resuming: false });
    } else {
      set({ resuming: false, error: result.error });
    }
  },

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
    resetRoute();
    set({ busy: false, user, idleLockMinutes, locked: false, endedByKiosk: false });
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
    // Unlocking as the same person carries on where they were (a take, an edit); anyone else starts at home.
    if (get().user?.id !== user.id) resetRoute();
    forgetLock();
    set({ busy: false, user, idleLockMinutes, locked: false, endedByKiosk: false });
    return true;
  },

  async signOut() {
    await getMagnum()?.auth.signOut({});
    forgetLock();
    set({ user: null, locked: false, error: null, endedByKiosk: false });
    resetRoute();
    await get().loadStatus();
  },

  lock() {
    const { user } = get();
    if (!user) return;
    rememberLock(user.id);
    set({ locked: true, error: null });
  },

  clearError() {
    set({ error: null });
  },

  sessionEnded() {
    forgetLock();
    set({ user: null, locked: false, endedByKiosk: true });
    resetRoute();
    void get().loadStatus();
  },
}));

/**
 * The idle lock outlasts a reload, or reloading a locked screen would open it without a PIN. Kept beside the
 * session token, in this tab's sessionStorage; where that storage is off, the token is not kept either and a
 * reload asks who is working.
 */
const LOCKED_KEY = 'magnum.locked';

function rememberLock(userId: string): void {
  try {
    window.sessionStorage.setItem(LOCKED_KEY, userId);
  } catch {
    // No storage: no session survives the reload to be unlocked.
  }
}

function forgetLock(): void {
  try {
    window.sessionStorage.removeItem(LOCKED_KEY);
  } catch {
    // No storage: nothing was kept.
  }
}

function wasLocked(userId: string): boolean {
  try {
    return window.sessionStorage.getItem(LOCKED_KEY) === userId;
  } catch {
    return false;
  }
}

/** Stores call this with every failed result: an UNAUTHENTICATED answer means the session is over. */
export function noticeSessionError(error: AppError): void {
  if (error.code === 'UNAUTHENTICATED' && useSessionStore.getState().user)
    useSessionStore.getState().sessionEnded();
}
