// Builds window.magnum from the contract for any transport: the Electron preload and the browser client
// differ only in how a call and an event travel, so both hand their two primitives to this one function.
import {
  channelNames,
  type ChannelName,
  type ConnectionStatus,
  type EventName,
  type MagnumApi,
} from './contract';
import { fail, isAppError, type Result } from './errors';

export type Invoke = (
  channel: ChannelName,
  input: unknown,
  session: string | undefined,
) => Promise<Result<unknown>>;

/** Calls that start or end this screen's session; the API keeps the token so every later call carries it. */
export const STARTS_SESSION: readonly string[] = ['auth.signIn', 'auth.setup'];
export const ENDS_SESSION = 'auth.signOut';
export type Subscribe = (listener: (event: string, payload: unknown) => void) => () => void;

const TRANSPORT_FAILED =
  'The kiosk could not reach its background service. Wait a moment and try again; if it keeps happening, restart the kiosk.';

/** A transport that cannot drop (Electron's IPC): always online. */
export const ALWAYS_ONLINE: ConnectionStatus = { online: () => true, onChange: () => () => undefined };

export function createMagnumApi(
  invoke: Invoke,
  subscribe: Subscribe,
  connection: ConnectionStatus = ALWAYS_ONLINE,
): MagnumApi {
  const areas: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  let session: string | undefined;
  const remember = (name: ChannelName, result: Result<unknown>) => {
    if (STARTS_SESSION.includes(name) && result.ok) session = (result.value as { token: string }).token;
    else if (name === ENDS_SESSION) session = undefined;
    // A refused PIN (say, on the lock screen) is not the end of the session this screen already has.
    else if (!result.ok && result.error.code === 'UNAUTHENTICATED' && !STARTS_SESSION.includes(name)) {
      session = undefined;
    }
  };
  for (const name of channelNames) {
    const [area, verb] = splitChannelName(name);
    areas[area] ??= {};
    areas[area][verb] = async (input: unknown) => {
      try {
        const result = await invoke(name, input, session);
        if (isResult(result)) {
          remember(name, result);
          return result;
        }
        return fail(
          'INTERNAL',
          'The kiosk service sent an answer this screen cannot read. Restart the kiosk.',
        );
      } catch {
        return fail('UNAVAILABLE', TRANSPORT_FAILED);
      }
    };
  }

  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let unsubscribeTransport: (() => void) | undefined;
  const on = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
    const forEvent = listeners.get(event) ?? new Set();
    listeners.set(event, forEvent);
    forEvent.add(listener);
    unsubscribeTransport ??= subscribe((name, payload) => {
      for (const registered of listeners.get(name) ?? []) registered(payload);
    });
    return () => {
      forEvent.delete(listener);
    };
  };

  return { ...areas, on, connection } as unknown as MagnumApi;
}

export function splitChannelName(name: string): [area: string, verb: string] {
  const dot = name.indexOf('.');
  return [name.slice(0, dot), name.slice(dot + 1)];
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { ok?: unknown; error?: unknown };
  return candidate.ok === true || (candidate.ok === false && isAppError(candidate.error));
}
