// How often one screen or one address may try to sign in. The lockout protects each person; this protects
// the kiosk from a machine on its network that taps thousands of PINs and names a minute. A sign-in that
// succeeds gives its try back, so only refusals add up: a crew member in gloves never meets the limit.
import type { Peer } from '../ipc/dispatch';

export const SIGN_IN_WINDOW_MS = 60_000;
/** Tries per minute from one screen (socket or window): twice the five the lockout allows one person. */
export const SIGN_IN_TRIES_PER_CONNECTION = 10;
/** Tries per minute from one network address, however many sockets it opens. */
export const SIGN_IN_TRIES_PER_ADDRESS = 30;
/** Screens and addresses remembered at most; past it the longest-quiet ones are forgotten. */
const MAX_TRACKED = 10_000;

export const TOO_MANY_TRIES = 'Too many sign-in attempts from this screen. Wait a minute and try again.';

export interface SignInLimits {
  windowMs: number;
  perConnection: number;
  perAddress: number;
}

export const SIGN_IN_LIMITS: SignInLimits = {
  windowMs: SIGN_IN_WINDOW_MS,
  perConnection: SIGN_IN_TRIES_PER_CONNECTION,
  perAddress: SIGN_IN_TRIES_PER_ADDRESS,
};

/** An admitted try; `giveBack` when the sign-in succeeded. */
export interface SignInTry {
  giveBack(): void;
}

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;

export function createSignInThrottle(limits: SignInLimits = SIGN_IN_LIMITS) {
  return createPeerThrottle(limits);
}

/**
 * The same sliding windows for any call that anyone may make and that costs the kiosk something (a log line):
 * at most `perConnection` a window from one screen and `perAddress` from one address.
 */
export function createPeerThrottle(limits: SignInLimits) {
  const byConnection = slidingWindow(limits.perConnection, limits.windowMs);
  const byAddress = slidingWindow(limits.perAddress, limits.windowMs);
  return {
    /** Counts a try from this peer, or returns null when it is over a limit (and counts nothing). */
    admit(peer: Peer, now: Date): SignInTry | null {
      const at = now.getTime();
      if (!byConnection.hasRoom(peer.connection, at) || !byAddress.hasRoom(peer.address, at)) return null;
      byConnection.add(peer.connection, at);
      byAddress.add(peer.address, at);
      return {
        giveBack() {
          byConnection.remove(peer.connection, at);
          byAddress.remove(peer.address, at);
        },
      };
    },
  };
}

/** The times of the tries in the last window, per key. Synchronous, so a burst is counted one by one. */
function slidingWindow(limit: number, windowMs: number) {
  const tries = new Map<string, number[]>();

  function recent(key: string, at: number): number[] {
    const times = tries.get(key) ?? [];
    const firstRecent = times.findIndex((time) => at - time < windowMs);
    return firstRecent === -1 ? [] : firstRecent === 0 ? times : times.slice(firstRecent);
  }

  function makeRoom(at: number): void {
    if (tries.size < MAX_TRACKED) return;
    for (const key of tries.keys()) if (recent(key, at).length === 0) tries.delete(key);
    for (const key of tries.keys()) {
      if (tries.size < MAX_TRACKED) break;
      tries.delete(key);
    }
  }

  return {
    hasRoom: (key: string, at: number) => recent(key, at).length < limit,
    add(key: string, at: number): void {
      const times = recent(key, at);
      if (times.length === 0) makeRoom(at);
      // Re-inserted, so the Map's order is least recently tried first: what makeRoom forgets first.
      tries.delete(key);
      tries.set(key, [...times, at]);
    },
    remove(key: string, at: number): void {
      const times = tries.get(key);
      const index = times?.lastIndexOf(at) ?? -1;
      if (times && index !== -1) times.splice(index, 1);
    },
  };
}
