// Which PIN tries come from the kiosk machine itself. The machine is trusted: whoever stands at its screen or
// has a shell on it can reset a PIN with `npm run admin:reset-pin` anyway. The network is not: a machine on
// the LAN must never be able to lock the kiosk's own screen out, so its tries count against a lock of their
// own (users.network_failed_pin_attempts / network_locked_until).
import type { Peer } from '../ipc/dispatch';

/** Which wrong-PIN counter (and lock) a try counts against. */
export type PinCounter = 'local' | 'network';

/**
 * The Electron window ('local') and the browser kiosk on the same machine, which reaches its host at
 * localhost: from 127.0.0.1 or ::1 (::ffff:127.0.0.1 when the host listens dual-stack). Nothing off the
 * machine can send from a loopback address: the OS drops such packets on every other interface. The rest of
 * 127.0.0.0/8 counts as the network: the kiosk's browser never sends from it (Linux answers any 127.x.y.z
 * from 127.0.0.1), so that costs nothing, and it lets tests play machines on the LAN from 127.0.0.2 and up.
 * Never put a proxy on the kiosk machine in front of the host: every LAN try would then come from here.
 */
const KIOSK_MACHINE_ADDRESSES: ReadonlySet<string> = new Set([
  'local',
  '127.0.0.1',
  '::1',
  '::ffff:127.0.0.1',
]);

/** Why a screen on the network may not set up the first manager, or restore a backup without signing in. */
export const AT_THE_KIOSK =
  'Setting up a new kiosk, or restoring it from a backup, is done at the kiosk itself, not from another ' +
  'computer or tablet on the network. A manager signed in may restore from Settings → Backups.';

export function isKioskMachine(peer: Pick<Peer, 'address'>): boolean {
  return KIOSK_MACHINE_ADDRESSES.has(peer.address);
}

export function pinCounterFor(peer: Pick<Peer, 'address'>): PinCounter {
  return isKioskMachine(peer) ? 'local' : 'network';
}
