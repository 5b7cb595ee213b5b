// Which address phones reach the kiosk at: an IPv4 address on the local network. A private-range address wins
// (the airfield's Wi-Fi or the kiosk's own hotspot); link-local (169.254.x.x) only as a last resort, since a
// phone gets one only when wired straight to the kiosk.
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

function isPrivate(address: string): boolean {
  const [a = 0, b = 0] = address.split('.').map(Number);
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

export function lanAddress(
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): string | null {
  const candidates = Object.entries(interfaces)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([, infos]) => infos ?? [])
    .filter((info) => info.family === 'IPv4' && !info.internal)
    .map((info) => info.address);
  return (
    candidates.find(isPrivate) ??
    candidates.find((address) => !address.startsWith('169.254.')) ??
    candidates[0] ??
    null
  );
}
