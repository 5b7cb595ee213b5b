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
/** The call a reloaded screen makes to learn whom the session it kept belongs to (and whether it is still live). */
export const CHECKS_SESSION = 'auth.session';
export type Subscribe = (listener: (event: string, payload: unknown) => void) => () => void;

const TRANSPORT_FAILED =
  'The kiosk could not reach its background service. Wait a moment and try again; if it keeps happening, restart the kiosk.';

/** A transport that cannot drop (Electron's IPC): always online. */
export const ALWAYS_ONLINE: ConnectionStatus = { online: () => true, onChange: () => () => undefined };

/**
 * Where a screen keeps its session token so that a reload keeps the session: the token is a credential, so
 * it goes nowhere else (no log, no URL). NOT_KEPT keeps it in memory only.
 */
export interface SessionKeeper {
  read(): string | undefined;
  write(token: string | undefined): void;
}

export const NOT_KEPT: SessionKeeper = { read: () => undefined, write: () => undefined };

/** The part of the DOM's Storage a keeper needs (shared code is compiled without the DOM's types). */
export interface TabStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const SESSION_STORAGE_KEY = 'magnum.session';
/** The shape of main's tokens (32 random bytes, base64url): anything else in the storage is not ours. */
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * Keeps the token in this tab's sessionStorage: it survives a reload of the tab and nothing else (another tab,
 * another window, a closed browser). Storage that cannot be used (turned off, full) keeps nothing: a reload
 * then asks who is working again, as it did before.
 */
export function keptInTab(storage: () => TabStorage): SessionKeeper {
  return {
    read() {
      try {
        const token = storage().getItem(SESSION_STORAGE_KEY);
        return token !== null && TOKEN.test(token) ? token : undefined;
      } catch {
        return undefined;
      }
    },
    write(token) {
      try {
        if (token) storage().setItem(SESSION_STORAGE_KEY, token);
        else storage().removeItem(SESSION_STORAGE_KEY);
      } catch {
        // Nothing kept: this page's memory still holds the session until it is reloaded.
      }
    },
  };
}

export function createMagnumApi(
  invoke: Invoke,
  subscribe: Subscribe,
  connection: ConnectionStatus = ALWAYS_ONLINE,
  keeper: SessionKeeper = NOT_KEPT,
): MagnumApi {
  const areas: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  let session = keeper.read();
  const keep = (token: string | undefined) => {
    session = token;
    keeper.write(token);
  };
  /** Whose each token seen here is (from sign-in and session answers): a retry never changes who acts. */
  const owners = new Map<string, string>();
  const noteOwner = (token: string, value: unknown) => {
    const owner = ownerIn(value);
    if (owner) owners.set(token, owner);
  };
  const remember = (name: ChannelName, carried: string | undefined, result: Result<unknown>) => {
    if (!result.ok) {
      // A refused PIN (say, on the lock screen) is not the end of the session this screen already has; nor is
      // a refusal of a token this screen has replaced since (a sign-in answered while the call was out).
      if (refusedSession(name, result) && carried === session) keep(undefined);
      return;
    }
    // Only the session's own answers say whose a token is; any other answer is passed on unread.
    if (STARTS_SESSION.includes(name)) {
      const { token } = result.value as { token: string };
      noteOwner(token, result.value);
      keep(token);
    } else if (name === CHECKS_SESSION && carried) noteOwner(carried, result.value);
  };
  const send = async (name: ChannelName, input: unknown, carried: string | undefined) => {
    try {
      const result = await invoke(name, input, carried);
      if (isResult(result)) return result;
      return fail('INTERNAL', 'The kiosk service sent an answer this screen cannot read. Restart the kiosk.');
    } catch {
      return fail('UNAVAILABLE', TRANSPORT_FAILED);
    }
  };
  const replacedBySamePerson = (carried: string | undefined) => {
    if (!carried || !session || session === carried) return false;
    const owner = owners.get(carried);
    return owner !== undefined && owner === owners.get(session);
  };
  /** Sign-ins under way on this screen, settled once the token they bring is kept. */
  const signIns = new Set<Promise<unknown>>();
  const call = async (name: ChannelName, input: unknown): Promise<Result<unknown>> => {
    const carried = session;
    // Signing out ends the session on this screen whatever main answers, even when it cannot be reached:
    // a reload afterwards must not bring the session back.
    if (name === ENDS_SESSION) keep(undefined);
    const result = await send(name, input, carried);
    if (refusedSession(name, result)) {
      // Unlocking signs in again, and main ends the token it replaces: a call that carried it (a chunk of the
      // take still filming, a list refreshing) was refused before it ran. Once the sign-in under way is kept, it
      // goes again with the new token, rather than telling the screen its session ended.
      await Promise.allSettled(signIns);
      if (replacedBySamePerson(carried)) return call(name, input);
    }
    remember(name, carried, result);
    return result;
  };
  for (const name of channelNames) {
    const [area, verb] = splitChannelName(name);
    areas[area] ??= {};
    areas[area][verb] = (input: unknown) => {
      if (!STARTS_SESSION.includes(name)) return call(name, input);
      const signIn = call(name, input);
      signIns.add(signIn);
      void signIn.finally(() => signIns.delete(signIn));
      return signIn;
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

/** The signed-in person's id in a sign-in's or session check's answer. */
function ownerIn(value: unknown): string | undefined {
  const user = (value as { user?: { id?: unknown } } | null)?.user;
  return typeof user?.id === 'string' ? user.id : undefined;
}

/** Main turned the call away because its session token is not (or no longer) live; the call did not run. */
function refusedSession(name: ChannelName, result: Result<unknown>): boolean {
  return !result.ok && result.error.code === 'UNAUTHENTICATED' && !STARTS_SESSION.includes(name);
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { ok?: unknown; error?: unknown };
  return candidate.ok === true || (candidate.ok === false && isAppError(candidate.error));
}
