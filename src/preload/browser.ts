// The browser kiosk host's stand-in for the Electron preload: window.magnum over a WebSocket to /ipc.
// Calls made while the socket is (re)connecting wait for it briefly instead of failing at once. Sign-in and
// sign-out also set and clear the session cookie that /media/ and /thumbs/ ask for (<video src> carries no token).
// The session token is kept in this tab's sessionStorage, so that a reload keeps the session (README, Security).
// `magnum.connection` says whether the host can be reached now, so a take holds its chunks instead of waiting.
import { CHECKS_SESSION, createMagnumApi, ENDS_SESSION, keptInTab, STARTS_SESSION } from '../shared/api';
import type { ConnectionStatus } from '../shared/contract';
import { fail, type Result } from '../shared/errors';
import { SESSION_HEADER, SESSION_ROUTE } from '../shared/session-route';
import { decodeMessage, encodeMessage, type ResultMessage } from '../shared/wire';

const CONNECT_WAIT_MS = 10_000;
const LOST =
  'The connection to the kiosk service was lost. It reconnects by itself; try again in a moment. If it does not come back, restart the kiosk.';

let socket: WebSocket | undefined;
let nextId = 1;
let retryMs = 250;
const pending = new Map<number, (result: Result<unknown>) => void>();
const waitingForOpen = new Set<() => void>();
const eventListeners = new Set<(event: string, payload: unknown) => void>();

// Connection status. A closed socket (a killed or restarted host closes it at once) is offline at once. A host
// that stops answering without closing (frozen, or the network path gone) is noticed by silence: after
// STALL_PROBE_MS without a word from the host, one probe frame goes out (a frame that is not a call, which the
// host answers at the socket without running anything), and STALL_OFFLINE_MS of silence with the probe unanswered
// is offline until the host speaks again. Silence counts only while someone needs to know: a call is waiting for
// its answer, or a screen follows the connection (the filming screen and a take: about two 20-byte probes a
// second when nothing else is said). Time spent still sending (a big chunk on a slow network) is not silence.
// Calls stay pending meanwhile (a slow host may still answer them); after STALL_RECONNECT_MS the socket is
// dropped and reopened.
const STALL_PROBE_MS = 500;
const STALL_OFFLINE_MS = 1_500;
const STALL_RECONNECT_MS = 15_000;
const PROBE_FRAME = JSON.stringify({ type: 'probe' });
let online = false;
let lastHeardAt = 0;
let lastSendingAt = 0;
let probedAt = 0;
const sentAt = new Map<number, number>();
const connectionListeners = new Set<(online: boolean) => void>();

function setOnline(next: boolean): void {
  if (next === online) return;
  online = next;
  for (const listener of connectionListeners) listener(next);
}

/** Since when the host has been silent while someone needed to hear from it, or null when nobody does. */
function silentSince(): number | null {
  const heard = Math.max(lastHeardAt, lastSendingAt);
  if (connectionListeners.size > 0) return heard;
  if (sentAt.size === 0) return null;
  return Math.max(Math.min(...sentAt.values()), heard);
}

setInterval(() => {
  if (socket?.bufferedAmount) lastSendingAt = Date.now();
  const since = silentSince();
  if (!socket || socket.readyState !== WebSocket.OPEN || since === null) return;
  const silent = Date.now() - since;
  if (silent >= STALL_RECONNECT_MS) {
    socket.close(4000, 'The kiosk service stopped answering.');
  } else if (silent >= STALL_OFFLINE_MS && probedAt > since) {
    setOnline(false);
  } else if (silent >= STALL_PROBE_MS && probedAt <= since) {
    probedAt = Date.now();
    socket.send(PROBE_FRAME);
  }
}, 250);

const connection: ConnectionStatus = {
  online: () => online,
  onChange(listener) {
    connectionListeners.add(listener);
    return () => connectionListeners.delete(listener);
  },
};

function connect(): void {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ipc`;
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  socket = ws;
  ws.onopen = () => {
    retryMs = 250;
    lastHeardAt = Date.now();
    setOnline(true);
    for (const resume of waitingForOpen) resume();
    waitingForOpen.clear();
  };
  ws.onmessage = (message: MessageEvent<string | ArrayBuffer>) => {
    lastHeardAt = Date.now();
    setOnline(true);
    const data = typeof message.data === 'string' ? message.data : new Uint8Array(message.data);
    const decoded = decodeMessage(data) as ResultMessage | { type: 'event'; event: string; payload: unknown };
    if (decoded.type === 'event') {
      for (const listener of eventListeners) listener(decoded.event, decoded.payload);
    } else if (decoded.type === 'result' && decoded.id !== null) {
      pending.get(decoded.id)?.(decoded.result);
      pending.delete(decoded.id);
      sentAt.delete(decoded.id);
    }
  };
  ws.onclose = () => {
    setOnline(false); // before the calls fail, so whoever gets UNAVAILABLE sees the connection is gone
    sentAt.clear();
    for (const settle of pending.values()) settle(fail('UNAVAILABLE', LOST));
    pending.clear();
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 5_000);
  };
}

function whenOpen(): Promise<boolean> {
  if (socket?.readyState === WebSocket.OPEN) return Promise.resolve(true);
  return new Promise((resolve) => {
    const resume = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      waitingForOpen.delete(resume);
      resolve(false);
    }, CONNECT_WAIT_MS);
    waitingForOpen.add(resume);
  });
}

/** The token the file cookie should hold after this answer: a new session's, or the kept one main confirmed. */
function tokenForCookie(
  channel: string,
  session: string | undefined,
  result: Result<unknown>,
): string | null {
  if (!result.ok) return null;
  if (STARTS_SESSION.includes(channel)) return (result.value as { token: string }).token;
  return channel === CHECKS_SESSION ? (session ?? null) : null;
}

/**
 * Awaited before the sign-in's answer is handed on, so the first <video> the next screen shows has it. A
 * reloaded tab sets it again once main confirms the session it kept: another tab may have replaced or cleared
 * the cookie meanwhile.
 */
async function updateSessionCookie(
  channel: string,
  session: string | undefined,
  result: Result<unknown>,
): Promise<void> {
  const token = tokenForCookie(channel, session, result);
  if (!token && channel !== ENDS_SESSION) return;
  await fetch(SESSION_ROUTE, {
    method: token ? 'POST' : 'DELETE',
    headers: token ? { [SESSION_HEADER]: token } : {},
    credentials: 'same-origin',
  }).catch(() => {
    // Offline for a moment: calls still work, and only pictures and footage wait for the next sign-in.
  });
}

async function invoke(
  channel: string,
  input: unknown,
  session: string | undefined,
): Promise<Result<unknown>> {
  const result = await call(channel, input, session);
  await updateSessionCookie(channel, session, result);
  return result;
}

async function call(channel: string, input: unknown, session: string | undefined): Promise<Result<unknown>> {
  if (!(await whenOpen()) || !socket) return fail('UNAVAILABLE', LOST);
  const id = nextId++;
  const open = socket;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    sentAt.set(id, Date.now());
    open.send(
      encodeMessage(
        session ? { type: 'call', id, channel, input, session } : { type: 'call', id, channel, input },
      ),
    );
  });
}

connect();
const api = createMagnumApi(
  invoke,
  (listener) => {
    eventListeners.add(listener);
    return () => eventListeners.delete(listener);
  },
  connection,
  keptInTab(() => window.sessionStorage),
);
Object.defineProperty(window, 'magnum', { value: Object.freeze(api), writable: false, configurable: false });
