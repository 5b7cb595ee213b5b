// The messages between a host (the browser kiosk's server process, Electron's main process) and the services
// process that owns the database, ffmpeg jobs, thumbnails and file copies. Both ends are ours and start
// together, so the messages are typed, not validated: every input from a screen is still validated by the
// dispatcher on the services side, as before. Bytes travel as bytes (Node's `advanced` serialization, Electron's
// structured clone), never as JSON text.
import type { EventName } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { SystemInfo } from '../../shared/system';
import type { Receivers } from '../ipc/audience';
import type { Peer, SessionUser } from '../ipc/dispatch';
import type { FileAnswer } from '../media/answer';
import type { MediaRequest } from '../media/serve';

/** How the host asks the services to start (the first message it sends). */
export interface ServicesStartOptions {
  dataDir: string;
  host: SystemInfo['host'];
  downloadPort?: number;
  advertisedHost?: string;
  /** What the host process offers the services, which they reach through `hostCall` messages. */
  offers: { keychain: boolean; startAtLogin: boolean };
}

/** A screen's call as the transport received it; `onCaller` becomes the answer's `caller`. */
export interface RemoteCall {
  channel: unknown;
  input: unknown;
  session?: unknown;
  transport: 'electron' | 'websocket';
  peer?: Peer;
}

export interface CallAnswer {
  result: Result<unknown>;
  /** Present when the dispatcher told whose the call's session is (null: nobody). */
  caller?: { user: SessionUser | null };
}

export type FileRouteName = 'media' | 'thumbnails';

/** What the services may ask of the host process: Electron's keychain and login items live there. */
export type HostCall =
  | { name: 'keychain.encrypt'; args: [text: string] }
  | { name: 'keychain.decrypt'; args: [sealed: Uint8Array] }
  | { name: 'startAtLogin.apply'; args: [enabled: boolean] };

export type ToServices =
  | { type: 'start'; options: ServicesStartOptions }
  | { type: 'call'; id: number; call: RemoteCall }
  | { type: 'userOf'; id: number; session: string | null }
  | { type: 'file'; id: number; route: FileRouteName; request: MediaRequest }
  /** `npm run kiosk -- --demo`: add the demo flights once the host serves. */
  | { type: 'demo' }
  | { type: 'hostAnswer'; id: number; value?: unknown; error?: string }
  /** One line of the host's log (services/host-log.ts). */
  | { type: 'log'; line: string }
  | { type: 'close' };

export type FromServices =
  | { type: 'ready'; pid: number }
  | { type: 'startFailed'; message: string }
  | { type: 'answer'; id: number; value: CallAnswer | SessionUser | null | FileAnswer }
  | { type: 'event'; event: EventName; payload: unknown; receivers: Receivers }
  | ({ type: 'hostCall'; id: number } & HostCall)
  | { type: 'closed' };
