// The services process's side of the port: starts the main services when the host says so, answers the host's
// calls, file requests and session lookups, and sends every event with who may receive it. When the host goes
// away without saying "close" (it crashed or was killed), the services close themselves within a few seconds,
// so a database, a take or an export is never left to a process nobody serves.
import type { Logger } from 'pino';
import { fail } from '../../shared/errors';
import { startMainApp, type MainApp, type MainAppOptions } from '../app';
import { loadDemoOnFirstStart } from '../demo/first-start';
import type { SecretBox } from '../mail/secret-box';
import type { StartAtLogin } from '../system/start-at-login';
import { writeHostLine } from './host-log';
import type { CallAnswer, FromServices, HostCall, ServicesStartOptions, ToServices } from './protocol';

/** The services' end of the channel to the host: Electron's `process.parentPort`, or Node's IPC channel. */
export interface ServicesPort {
  post(message: FromServices): void;
  onMessage(listener: (message: ToServices) => void): void;
  /** The host is gone (its end of the channel closed). */
  onHostGone(listener: () => void): void;
}

export interface ServeOptions {
  port: ServicesPort;
  /** Ends this process once the services closed (`process.exit`); tests pass their own. */
  exit(code: number): void;
  /** Starts the services; startMainApp unless a test speeds it up. */
  start?: (options: MainAppOptions) => Promise<MainApp>;
  /** Options only a test adds (clock, PIN cost): the host's own options cannot carry functions. */
  extra?: Partial<MainAppOptions>;
  /** How long closing may take once the host is gone before the process ends anyway. */
  hostGoneGraceMs?: number;
  print?: (line: string) => void;
  /** Told the started services (the entry logs unexpected errors to their log). */
  onStarted?: (app: MainApp) => void;
}

export function serveOverPort({
  port,
  exit,
  start = startMainApp,
  extra = {},
  hostGoneGraceMs = 5_000,
  print = (line) => console.log(line),
  onStarted,
}: ServeOptions): { close(): Promise<void> } {
  let app: MainApp | undefined;
  let starting: Promise<MainApp | undefined> | undefined;
  let closing: Promise<void> | undefined;
  let nextHostCall = 1;
  const hostCalls = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  function callHost<T>(call: HostCall): Promise<T> {
    const id = nextHostCall++;
    return new Promise<T>((resolve, reject) => {
      hostCalls.set(id, { resolve: resolve as (value: unknown) => void, reject });
      port.post({ type: 'hostCall', id, ...call });
    });
  }

  /** The host's keychain, one message away: sealed bytes come back as bytes. */
  const keychain: SecretBox = {
    kind: 'os-keychain',
    encrypt: async (text) =>
      Buffer.from(await callHost<Uint8Array>({ name: 'keychain.encrypt', args: [text] })),
    decrypt: (sealed) => callHost<string>({ name: 'keychain.decrypt', args: [new Uint8Array(sealed)] }),
  };

  /** The host's login items (Electron's app, or its XDG autostart entry), one message away. */
  const hostStartAtLogin: StartAtLogin = {
    supported: true,
    apply: async (enabled) => {
      await callHost<null>({ name: 'startAtLogin.apply', args: [enabled] });
    },
  };

  async function startServices(options: ServicesStartOptions): Promise<MainApp | undefined> {
    try {
      const started = await start({
        dataDir: options.dataDir,
        host: options.host,
        downloadPort: options.downloadPort,
        ...(options.advertisedHost ? { advertisedHost: options.advertisedHost } : {}),
        keychain: options.offers.keychain ? keychain : null,
        ...(options.offers.startAtLogin ? { startAtLogin: hostStartAtLogin } : {}),
        ...extra,
      });
      started.feed.subscribe((event, payload, receivers) =>
        port.post({ type: 'event', event, payload, receivers }),
      );
      app = started;
      onStarted?.(started);
      port.post({ type: 'ready', pid: process.pid });
      return started;
    } catch (error) {
      port.post({ type: 'startFailed', message: (error as Error).message });
      exit(1);
      return undefined;
    }
  }

  async function answer(message: Extract<ToServices, { id: number }>, running: MainApp): Promise<void> {
    const logger: Logger = running.logger;
    try {
      if (message.type === 'call') {
        let caller: CallAnswer['caller'];
        const result = await running.dispatch({
          ...message.call,
          onCaller: (user) => (caller = { user }),
        });
        port.post({ type: 'answer', id: message.id, value: caller ? { result, caller } : { result } });
      } else if (message.type === 'userOf') {
        port.post({ type: 'answer', id: message.id, value: await running.audience.userOf(message.session) });
      } else if (message.type === 'file') {
        const route = message.route === 'media' ? running.media : running.thumbnails;
        port.post({ type: 'answer', id: message.id, value: await route.answer(message.request) });
      }
    } catch (error) {
      // The dispatcher turns every failure into a Result; this is the last guard, so the host never waits forever.
      logger.error({ err: error, type: message.type }, 'answering the host failed');
      if (message.type === 'call') {
        port.post({
          type: 'answer',
          id: message.id,
          value: { result: fail('INTERNAL', 'Something went wrong in the kiosk. Try again.') },
        });
      } else if (message.type === 'userOf') {
        port.post({ type: 'answer', id: message.id, value: null });
      } else {
        port.post({
          type: 'answer',
          id: message.id,
          value: { status: 503, headers: {}, body: { text: 'Not available right now.' } },
        });
      }
    }
  }

  function close(code: number): Promise<void> {
    closing ??= (async () => {
      const running = await starting;
      await running?.close();
      port.post({ type: 'closed' });
      exit(code);
    })();
    return closing;
  }

  port.onMessage((message) => {
    switch (message.type) {
      case 'start':
        starting ??= startServices(message.options);
        return;
      case 'call':
      case 'userOf':
      case 'file':
        // The host sends calls only after `ready`; one sent earlier waits for the start.
        void starting?.then((running) => running && answer(message, running));
        return;
      case 'hostAnswer': {
        const pending = hostCalls.get(message.id);
        hostCalls.delete(message.id);
        if (message.error !== undefined) pending?.reject(new Error(message.error));
        else pending?.resolve(message.value);
        return;
      }
      case 'log':
        if (app) writeHostLine(app.logger, message.line);
        else process.stderr.write(message.line);
        return;
      case 'demo':
        if (app) void loadDemoOnFirstStart(app, print);
        return;
      case 'close':
        void close(0);
        return;
    }
  });

  port.onHostGone(() => {
    app?.logger.warn('the host process is gone; the services close');
    for (const pending of hostCalls.values()) pending.reject(new Error('The kiosk window is gone.'));
    hostCalls.clear();
    const deadline = setTimeout(() => exit(1), hostGoneGraceMs);
    deadline.unref();
    void close(0);
  });
  return { close: () => close(0) };
}
