// A screen as the kiosk sees it over /ipc: a WebSocket that makes calls (with its session once signed in) and
// keeps every event it receives, so tests can say exactly which events reached which screen.
import WebSocket from 'ws';
import type { SessionInfo } from '../../src/shared/auth';
import type { Result } from '../../src/shared/errors';
import { decodeMessage, encodeMessage, type WireMessage } from '../../src/shared/wire';

export interface ReceivedEvent {
  event: string;
  payload: unknown;
}

export class ScreenClient {
  readonly events: ReceivedEvent[] = [];
  session: string | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private readonly onEvent = new Set<() => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      const message = decodeMessage(isBinary ? new Uint8Array(data) : data.toString('utf8')) as WireMessage;
      if (message.type === 'event') {
        this.events.push({ event: message.event, payload: message.payload });
        for (const wake of this.onEvent) wake();
      } else if (message.type === 'result' && message.id !== null) {
        this.pending.get(message.id)?.(message.result);
        this.pending.delete(message.id);
      }
    });
  }

  /** `baseUrl` is the kiosk's http URL; `origin` what the socket claims to come from (the kiosk's by default). */
  static open(baseUrl: string, origin = new URL(baseUrl).origin): Promise<ScreenClient> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws').replace(/\/?$/, '/')}ipc`, { origin });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new ScreenClient(socket)));
      socket.once('error', reject);
    });
  }

  /** A call carrying this screen's session, if it has one. Every earlier event to this socket arrives first. */
  call(channel: string, input: unknown, session = this.session): Promise<Result<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      const message: WireMessage = session
        ? { type: 'call', id, channel, input, session }
        : { type: 'call', id, channel, input };
      this.socket.send(encodeMessage(message));
    });
  }

  async signIn(userId: string, pin: string): Promise<SessionInfo> {
    const result = await this.call('auth.signIn', { userId, pin });
    if (!result.ok) throw new Error(`sign-in failed: ${result.error.code} ${result.error.message}`);
    const info = result.value as SessionInfo;
    this.session = info.token;
    return info;
  }

  /** Waits until an event matching `match` has arrived (or fails after `timeoutMs`). */
  waitForEvent(match: (event: ReceivedEvent) => boolean, timeoutMs = 10_000): Promise<ReceivedEvent> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.events.find(match);
        if (!found) return;
        clearTimeout(timer);
        this.onEvent.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.onEvent.delete(check);
        reject(new Error(`no matching event within ${timeoutMs} ms`));
      }, timeoutMs);
      this.onEvent.add(check);
      check();
    });
  }

  close(): void {
    this.socket.close();
  }
}
