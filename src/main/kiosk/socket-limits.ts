// How much one WebSocket may make the kiosk hold in memory, by who is on the other end. A socket that has not
// signed in (its last call carried no session that resolved to a person) gets tight limits; large frames are only
// for signed-in sockets and only for the channels that carry bytes (camera chunks).
//
// Memory bound (figures also in the README, "Kiosk host options"):
// - a socket not signed in holds at most one 64 KiB frame being received and one call in flight (its 64 KiB frame
//   plus its parsed JSON, at worst ~20× the text for `[{},{},…]`, so ~1.3 MB): ≤ 1.5 MB per socket, and at most
//   8 such sockets per address and 64 in all: ≤ 100 MB for everyone who has not signed in, whatever they send
//   (the kiosk machine's own screens, ≤ 8 more, are not counted in the 64: the network must never be able to
//   fill the places and so keep the kiosk's own screen from reaching its host);
// - a signed-in socket holds at most one frame being received (≤ 16 MiB + 64 KiB) and, before it is paused,
//   calls in flight worth < 16 MiB plus the frame that crossed that line: ≤ 50 MB per signed-in screen. Byte
//   fields are views into their frame (src/shared/wire.ts), so decoding copies nothing.
import type { WebSocket } from 'ws';
import { isKioskMachine } from '../auth/kiosk-machine';
import { MAX_CHUNK_BYTES } from '../../shared/capture';
import { MAX_BINARY_HEADER_BYTES } from '../../shared/wire';

/** Any frame from a socket that has not signed in: sign-in calls and the home screen's questions are < 1 KB. */
export const UNSIGNED_FRAME_BYTES = 64 * 1024;
/** A text frame from a signed-in socket: the largest real input (a template, a long note) is a few KB. */
export const TEXT_FRAME_BYTES = 256 * 1024;
/** A binary frame for a channel that carries bytes: one 16 MiB camera chunk and its header. ws's maxPayload. */
export const BYTES_FRAME_BYTES = MAX_CHUNK_BYTES + MAX_BINARY_HEADER_BYTES;
/** The channels whose input holds raw bytes; any other binary frame is held to UNSIGNED_FRAME_BYTES. */
export const BYTES_CHANNELS: ReadonlySet<string> = new Set(['capture.chunk']);

export const UNSIGNED_SOCKETS_PER_ADDRESS = 8;
/** All addresses but the kiosk machine's own together. */
export const UNSIGNED_SOCKETS_TOTAL = 64;
/** Calls answered at once per socket; further frames wait in the network (the socket is paused), not in memory. */
const UNSIGNED_CALLS_IN_FLIGHT = 1;
const SIGNED_CALLS_IN_FLIGHT = 8;
const SIGNED_BYTES_IN_FLIGHT = MAX_CHUNK_BYTES;

interface SocketState {
  address: string;
  signedIn: boolean;
  calls: number;
  bytes: number;
  paused: boolean;
}

export interface SocketLimits {
  /** Whether one more socket from this address may open (asked before the WebSocket handshake). */
  hasRoomFor(address: string): boolean;
  /** Starts counting a new socket; false (and nothing counted) when its address or the kiosk is full. */
  admit(ws: WebSocket, address: string): boolean;
  forget(ws: WebSocket): void;
  /** Why a frame of this size and kind is refused from this socket, or null when it may be read. */
  refuseFrame(ws: WebSocket, bytes: number, isBinary: boolean): string | null;
  /** After decoding: a large binary frame is only for a channel that carries bytes. */
  refuseChannel(ws: WebSocket, channel: string, bytes: number): string | null;
  /** The dispatcher says whom the socket's last call belonged to. */
  setCaller(ws: WebSocket, signedIn: boolean): void;
  callStarted(ws: WebSocket, bytes: number): void;
  callFinished(ws: WebSocket, bytes: number): void;
}

export function createSocketLimits(): SocketLimits {
  const states = new WeakMap<WebSocket, SocketState>();
  const unsignedByAddress = new Map<string, number>();
  let unsignedTotal = 0;

  const fromNetwork = (address: string) => !isKioskMachine({ address });
  const countUnsigned = (address: string, change: 1 | -1) => {
    const count = (unsignedByAddress.get(address) ?? 0) + change;
    if (count > 0) unsignedByAddress.set(address, count);
    else unsignedByAddress.delete(address);
    if (fromNetwork(address)) unsignedTotal += change;
  };
  const isBusy = (state: SocketState) =>
    state.signedIn
      ? state.calls >= SIGNED_CALLS_IN_FLIGHT || state.bytes >= SIGNED_BYTES_IN_FLIGHT
      : state.calls >= UNSIGNED_CALLS_IN_FLIGHT;
  const hasRoomFor = (address: string) =>
    (!fromNetwork(address) || unsignedTotal < UNSIGNED_SOCKETS_TOTAL) &&
    (unsignedByAddress.get(address) ?? 0) < UNSIGNED_SOCKETS_PER_ADDRESS;

  return {
    hasRoomFor,
    admit(ws, address) {
      if (!hasRoomFor(address)) return false;
      states.set(ws, { address, signedIn: false, calls: 0, bytes: 0, paused: false });
      countUnsigned(address, 1);
      capIncomingFrames(ws, UNSIGNED_FRAME_BYTES);
      return true;
    },
    forget(ws) {
      const state = states.get(ws);
      if (!state) return;
      states.delete(ws);
      if (!state.signedIn) countUnsigned(state.address, -1);
    },
    refuseFrame(ws, bytes, isBinary) {
      const signedIn = states.get(ws)?.signedIn ?? false;
      const cap = !signedIn ? UNSIGNED_FRAME_BYTES : isBinary ? BYTES_FRAME_BYTES : TEXT_FRAME_BYTES;
      if (bytes <= cap) return null;
      return signedIn
        ? 'The message is larger than the kiosk accepts.'
        : 'Sign in before sending large messages.';
    },
    refuseChannel(_ws, channel, bytes) {
      if (bytes <= UNSIGNED_FRAME_BYTES || BYTES_CHANNELS.has(channel)) return null;
      return `The message is larger than ${UNSIGNED_FRAME_BYTES / 1024} KB, which this action does not accept.`;
    },
    setCaller(ws, signedIn) {
      const state = states.get(ws);
      if (!state || state.signedIn === signedIn) return;
      state.signedIn = signedIn;
      countUnsigned(state.address, signedIn ? -1 : 1);
      capIncomingFrames(ws, signedIn ? BYTES_FRAME_BYTES : UNSIGNED_FRAME_BYTES);
    },
    callStarted(ws, bytes) {
      const state = states.get(ws);
      if (!state) return;
      state.calls += 1;
      state.bytes += bytes;
      if (!state.paused && isBusy(state)) {
        state.paused = true;
        ws.pause();
      }
    },
    callFinished(ws, bytes) {
      const state = states.get(ws);
      if (!state) return;
      state.calls -= 1;
      state.bytes -= bytes;
      if (state.paused && !isBusy(state)) {
        state.paused = false;
        ws.resume();
      }
    },
  };
}

/**
 * ws has no per-socket frame limit and buffers a whole frame before 'message' fires, so a limit checked there
 * comes after the memory is spent. Its receiver (ws 8) compares each frame's declared length with
 * `_maxPayload` before buffering and closes the socket with 1009: lowering it per socket refuses an oversized
 * frame from its first bytes. Should a future ws rename it, the server-wide maxPayload (BYTES_FRAME_BYTES) and
 * `refuseFrame` in 'message' still hold, only later.
 */
function capIncomingFrames(ws: WebSocket, bytes: number): void {
  const receiver = (ws as unknown as { _receiver?: { _maxPayload?: unknown } })._receiver;
  if (receiver && typeof receiver._maxPayload === 'number') receiver._maxPayload = bytes;
}
