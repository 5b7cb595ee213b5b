// The host's side of the services process: starts it, carries calls, session lookups and file requests to it,
// hands its events to the host's screens, and answers what it asks of the host (Electron's keychain and login
// items). If the process dies, what waited on it is answered in plain words and it is started again, backing
// off while it keeps failing; calls made meanwhile wait for it. Nothing here knows about Electron or Node's
// fork: `spawn` does (services/node-child.ts, electron/utility-child.ts).
import type { Logger } from 'pino';
import { fail, type Result } from '../../shared/errors';
import type { EventName } from '../../shared/contract';
import type { EventFeed, FeedSink, Receivers } from '../ipc/audience';
import type { CallRequest, SessionUser } from '../ipc/dispatch';
import { answerToResponse, textAnswer, type FileAnswer } from '../media/answer';
import type { FileRoute, MediaRequest } from '../media/serve';
import type { SecretBox } from '../mail/secret-box';
import type { StartAtLogin } from '../system/start-at-login';
import type {
  CallAnswer,
  FileRouteName,
  FromServices,
  HostCall,
  ServicesStartOptions,
  ToServices,
} from './protocol';

/** One started services process, as the host sees it. */
export interface ServicesChild {
  readonly pid: number | undefined;
  post(message: ToServices): void;
  onMessage(listener: (message: FromServices) => void): void;
  /** The process ended; `code` null when a signal ended it. */
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

/** What the host process offers the services (absent: not offered). */
export interface HostOffers {
  keychain?: SecretBox | null;
  /** Offered only where it is `supported` (Electron on Windows, macOS and Linux). */
  startAtLogin?: StartAtLogin | null;
}

export interface ServicesProcessOptions {
  spawn(): ServicesChild;
  start: Omit<ServicesStartOptions, 'offers'>;
  offers?: HostOffers;
  logger: Logger;
  /** Waits before starting again after the n-th failure in a row (1 s, 2 s, 4 s … 30 s by default). */
  restartDelayMs?: (failures: number) => number;
  /** How long `close` waits for the services to close before it kills them. */
  closeTimeoutMs?: number;
}

/** What a host needs: the same shape a MainApp in the host's own process offers (tests use that). */
export interface HostServices {
  dispatch(request: CallRequest): Promise<Result<unknown>>;
  audience: { userOf(session: string | null): Promise<SessionUser | null> };
  feed: EventFeed;
  media: FileRoute;
  thumbnails: FileRoute;
}

export interface ServicesProcess extends HostServices {
  /** The running services process's pid (undefined while it restarts). */
  pid(): number | undefined;
  /** How many times it was started again after dying. */
  restarts(): number;
  /** `--demo`: the services add the demo flights once (first start only). */
  loadDemo(): void;
  /** Hands one host log line to the services' log; false while they are not running (services/host-log.ts). */
  log(line: string): boolean;
  close(): Promise<void>;
}

const STOPPED_DURING_CALL =
  'The kiosk’s services stopped while doing that and are starting again. Check whether it was done, then try again.';
const NOT_RUNNING = 'The kiosk’s services are starting again. Try again in a moment.';
const defaultDelay = (failures: number) => Math.min(30_000, 1_000 * 2 ** Math.max(0, failures - 1));
/** A process that ran this long counts as healthy: the next failure waits the shortest delay again. */
const HEALTHY_AFTER_MS = 60_000;
const WAIT_FOR_RESTART_MS = 60_000;

type Pending =
  | { kind: 'call'; resolve(answer: CallAnswer): void }
  | { kind: 'userOf'; resolve(user: SessionUser | null): void }
  | { kind: 'file'; resolve(answer: FileAnswer): void };

export class ServicesStartError extends Error {}

/** Starts the services process and resolves once it is ready; rejects when its first start fails. */
export async function startServicesProcess(options: ServicesProcessOptions): Promise<ServicesProcess> {
  const { logger, offers = {} } = options;
  const delay = options.restartDelayMs ?? defaultDelay;
  const sinks = new Set<FeedSink>();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let child: ServicesChild | undefined;
  /** The child once it said ready, until it exits: calls go straight to it. */
  let readyChild: ServicesChild | undefined;
  let ready: Promise<ServicesChild> | undefined;
  let closing = false;
  let closed: Promise<void> | undefined;
  let failures = 0;
  let restarts = 0;

  function launch(): Promise<ServicesChild> {
    const started = Date.now();
    const spawned = options.spawn();
    child = spawned;
    return new Promise<ServicesChild>((resolve, reject) => {
      let isReady = false;
      spawned.onMessage((message) => {
        if (spawned !== child) return;
        if (message.type === 'ready') {
          isReady = true;
          readyChild = spawned;
          logger.info({ pid: message.pid }, 'services process ready');
          resolve(spawned);
        } else if (message.type === 'startFailed') {
          reject(new ServicesStartError(message.message));
        } else {
          received(spawned, message);
        }
      });
      spawned.onExit((code) => {
        if (spawned !== child) return;
        child = undefined;
        readyChild = undefined;
        answerAllPending();
        if (closing) return;
        logger.error({ code, pid: spawned.pid }, 'the services process stopped unexpectedly');
        if (!isReady) {
          reject(new ServicesStartError(`The kiosk's services stopped while starting (exit code ${code}).`));
          return;
        }
        failures = Date.now() - started > HEALTHY_AFTER_MS ? 1 : failures + 1;
        ready = restartAfter(delay(failures));
        ready.catch(() => undefined);
      });
      spawned.post({ type: 'start', options: { ...options.start, offers: offered() } });
    });
  }

  function offered(): ServicesStartOptions['offers'] {
    return { keychain: !!offers.keychain, startAtLogin: !!offers.startAtLogin?.supported };
  }

  async function restartAfter(ms: number): Promise<ServicesChild> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    if (closing) throw new Error(NOT_RUNNING);
    restarts += 1;
    logger.warn({ restarts }, 'starting the services process again');
    try {
      const started = await launch();
      // Screens that were working learn why their last action may have failed.
      deliver(
        'system.notice',
        {
          level: 'warning',
          message:
            'The kiosk’s services stopped and started again. Work saved before is kept; check your last action.',
        },
        { kind: 'signedIn' },
      );
      return started;
    } catch (error) {
      logger.error({ err: error }, 'the services process did not start again');
      failures += 1;
      ready = restartAfter(delay(failures));
      return ready;
    }
  }

  function received(from: ServicesChild, message: FromServices): void {
    switch (message.type) {
      case 'answer': {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        (waiting?.resolve as ((value: unknown) => void) | undefined)?.(message.value);
        return;
      }
      case 'event':
        deliver(message.event, message.payload, message.receivers);
        return;
      case 'hostCall':
        void answerHostCall(message).then(
          (value) => from.post({ type: 'hostAnswer', id: message.id, value }),
          (error: unknown) =>
            from.post({ type: 'hostAnswer', id: message.id, error: (error as Error).message }),
        );
        return;
      default:
        return;
    }
  }

  async function answerHostCall(call: HostCall): Promise<unknown> {
    switch (call.name) {
      case 'keychain.encrypt':
        if (!offers.keychain) throw new Error('This computer has no keychain the kiosk can use.');
        return new Uint8Array(await offers.keychain.encrypt(call.args[0]));
      case 'keychain.decrypt':
        if (!offers.keychain) throw new Error('This computer has no keychain the kiosk can use.');
        return offers.keychain.decrypt(Buffer.from(call.args[0]));
      case 'startAtLogin.apply':
        if (!offers.startAtLogin?.supported) {
          throw new Error('Starting at login is set up by the desktop app only.');
        }
        await offers.startAtLogin.apply(call.args[0]);
        return null;
    }
  }

  function deliver(event: EventName, payload: unknown, receivers: Receivers): void {
    for (const sink of sinks) {
      try {
        sink(event, payload, receivers);
      } catch (error) {
        logger.error({ err: error, event }, 'event delivery failed');
      }
    }
  }

  /** The process ended: whatever waited on it gets an answer now, never a hang. */
  function answerAllPending(): void {
    for (const [id, waiting] of pending) {
      pending.delete(id);
      if (waiting.kind === 'call') waiting.resolve({ result: fail('UNAVAILABLE', STOPPED_DURING_CALL) });
      else if (waiting.kind === 'userOf') waiting.resolve(null);
      else waiting.resolve(textAnswer(503, 'Not available right now. Try again in a moment.'));
    }
  }

  /** The running process, waiting (bounded) while it restarts; undefined when it is not back in time. */
  async function running(): Promise<ServicesChild | undefined> {
    if (closing) return undefined;
    if (readyChild) return readyChild;
    const deadline = timeout(WAIT_FOR_RESTART_MS);
    try {
      for (;;) {
        const awaited = ready;
        if (closing || !awaited) return undefined;
        const current = await Promise.race([awaited, deadline.promise]).catch(() => undefined);
        if (current && current === child) return current;
        // It died after being ready: wait for the start that replaced it, unless none did or time ran out.
        if (!current || ready === awaited) return undefined;
      }
    } finally {
      deadline.clear();
    }
  }

  function ask<T>(kind: Pending['kind'], build: (id: number) => ToServices, absent: T): Promise<T> {
    return running().then((target) => {
      if (!target) return absent;
      const id = nextId++;
      return new Promise<T>((resolve) => {
        pending.set(id, { kind, resolve } as unknown as Pending);
        target.post(build(id));
      });
    });
  }

  function fileRoute(route: FileRouteName): FileRoute {
    return {
      respond: async (request: MediaRequest) =>
        answerToResponse(
          await ask<FileAnswer>(
            'file',
            (id) => ({ type: 'file', id, route, request }),
            textAnswer(503, 'Not available right now. Try again in a moment.'),
          ),
        ),
    };
  }

  ready = launch();
  try {
    await ready;
  } catch (error) {
    closing = true;
    child?.kill();
    throw error;
  }

  return {
    async dispatch(request) {
      const { onCaller, ...call } = request;
      const answer = await ask<CallAnswer>(
        'call',
        (id) => ({
          type: 'call',
          id,
          call: {
            channel: call.channel,
            input: call.input,
            session: call.session,
            transport: call.transport,
            peer: call.peer,
          },
        }),
        { result: fail('UNAVAILABLE', NOT_RUNNING) },
      );
      if (answer.caller) onCaller?.(answer.caller.user);
      return answer.result;
    },
    audience: {
      userOf: (session) => ask<SessionUser | null>('userOf', (id) => ({ type: 'userOf', id, session }), null),
    },
    feed: {
      subscribe(sink) {
        sinks.add(sink);
        return () => sinks.delete(sink);
      },
    },
    media: fileRoute('media'),
    thumbnails: fileRoute('thumbnails'),
    pid: () => child?.pid,
    restarts: () => restarts,
    loadDemo() {
      child?.post({ type: 'demo' });
    },
    log(line) {
      if (!child || closing) return false;
      child.post({ type: 'log', line });
      return true;
    },
    close() {
      closed ??= (async () => {
        closing = true;
        const current = child;
        if (!current) return;
        const exited = new Promise<void>((resolve) => current.onExit(() => resolve()));
        current.post({ type: 'close' });
        const timer = setTimeout(() => {
          logger.warn({ pid: current.pid }, 'the services process did not close in time; stopping it');
          current.kill();
        }, options.closeTimeoutMs ?? 20_000);
        await exited;
        clearTimeout(timer);
      })();
      return closed;
    },
  };
}

function timeout(ms: number): { promise: Promise<never>; clear(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
    timer.unref();
  });
  promise.catch(() => undefined);
  return { promise, clear: () => clearTimeout(timer) };
}
