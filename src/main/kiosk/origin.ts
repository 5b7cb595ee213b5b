// Which requests the browser kiosk host answers. The Host header must name this server by an address (never a
// domain that could be re-pointed at us: DNS rebinding), and a WebSocket's Origin must be this same server, so a
// web page elsewhere cannot drive the kiosk through the visitor's browser.
import { isIP } from 'node:net';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isAllowedHost(hostHeader: string | undefined, listenHost: string, port: number): boolean {
  if (!hostHeader) return false;
  const match = /^(\[[0-9a-f:.]+\]|[^:]+)(?::(\d+))?$/i.exec(hostHeader);
  if (!match) return false;
  const name = match[1]!.toLowerCase();
  const headerPort = match[2] === undefined ? 80 : Number(match[2]);
  if (headerPort !== port) return false;
  if (LOOPBACK_NAMES.has(name)) return true;
  if (isLoopback(listenHost)) return false;
  const bare = name.startsWith('[') ? name.slice(1, -1) : name;
  if (listenHost === '0.0.0.0' || listenHost === '::') return isIP(bare) !== 0;
  return bare === listenHost.toLowerCase();
}

export function isSameOrigin(originHeader: string | undefined, hostHeader: string | undefined): boolean {
  if (!originHeader || !hostHeader) return false;
  try {
    const origin = new URL(originHeader);
    return (
      (origin.protocol === 'http:' || origin.protocol === 'https:') &&
      origin.host === hostHeader.toLowerCase()
    );
  } catch {
    return false;
  }
}

export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.');
}
