// Who may receive an event: the one gate both transports send through. An event reaches a connection only when
// the connection's user (its last session that resolved, looked up again at send time, since sessions expire
// and end) may see the event's object by the same row rules as calls:
//   - a flight's events (exports.progress, photos.importProgress, capture.takeEnded): canSeeRecording;
//   - a sale's events (delivery.progress, delivery.outboxChanged, delivery.customerScreen): canSeeSale;
//   - delivery.drivesChanged and delivery.customerScreenCleared, which name no flight or customer: anyone signed in;
//   - fleet.statusChanged: every screen, like the status strip under the sign-in screen that shows it (counts, a
//     time and a plain reason; never the central database's address or password);
//   - system.notice: anyone signed in. Notices are for whoever works at the kiosk, and a connection that has not
//     signed in may be anyone on the LAN, so it gets no events at all...
//   - ...except two of the backups area's: a backup's or restore's progress goes to admins and to the one screen
//     that started a restore without sign-in (first start, recovery; the connection its call came on), and
//     backups.restored goes to every screen, since each must go back to sign-in (it names nothing private).
import type { Logger } from 'pino';
import { ENDS_SESSION, STARTS_SESSION } from '../../shared/api';
import type { EventName, PayloadOf } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { recordingOfScene, recordingOwnership, saleOwnership } from '../access/by-id';
import {
  canSeeRecording,
  canSeeSale,
  type LocalDay,
  type RecordingOwnership,
  type Viewer,
} from '../access/rules';
import { findLiveSession } from '../auth/sessions';
import { kioskToday, type DataAccess } from '../data-access';
import type { SessionUser } from './dispatch';
import type { EventHub } from './events';

/** What an event is about: the object whose row rule decides who receives it. */
export type EventSubject =
  | { recordingId: string }
  | { sceneId: string }
  | { saleId: string }
  | { anyoneSignedIn: true }
  | { backupRunId: string }
  | { everyone: true };

/** Every event must say what it is about: an event added to the contract without a line here does not compile. */
export const eventSubjects = {
  'backups.progress': (payload) => ({ backupRunId: payload.runId }),
  'backups.restored': () => ({ everyone: true }),
  'capture.takeEnded': (payload) => ({ sceneId: payload.sceneId }),
  'delivery.progress': (payload) => ({ saleId: payload.saleId }),
  'delivery.outboxChanged': (payload) => ({ saleId: payload.saleId }),
  // The QR's address is the customer's download: only the screens of those who may see the sale.
  'delivery.customerScreen': (payload) => ({ saleId: payload.saleId }),
  // Drive labels and "back to the welcome picture": nothing about a flight or a customer.
  'delivery.customerScreenCleared': () => ({ anyoneSignedIn: true }),
  'delivery.drivesChanged': () => ({ anyoneSignedIn: true }),
  'exports.progress': (payload) => ({ recordingId: payload.recordingId }),
  // The status strip shows it before anyone signs in: how many changes wait, when the last push went through.
  'fleet.statusChanged': () => ({ everyone: true }),
  'photos.importProgress': (payload) => ({ recordingId: payload.recordingId }),
  // Counts of files and bytes only, nothing about a flight or a customer.
  'storage.progress': () => ({ anyoneSignedIn: true }),
  'system.notice': () => ({ anyoneSignedIn: true }),
} satisfies { [E in EventName]: (payload: PayloadOf<E>) => EventSubject };

/**
 * Who may receive one event, as data: it is decided where the database is (the services process) and applied
 * where the connections are (the host), so it crosses the process boundary whole. `mayReceive` applies it.
 */
export type Receivers =
  | { kind: 'nobody' }
  | { kind: 'everyone' }
  | { kind: 'signedIn' }
  /** Admins, and the connections (as calls' `peer.connection` names them) that started the backup run. */
  | { kind: 'backupRun'; watchers: string[] }
  | { kind: 'sale'; sale: { staff_member: string | null } }
  | { kind: 'recording'; recording: RecordingOwnership; today: LocalDay };

/**
 * Whether a connection's user (null: not signed in) may receive an event; `connection` is the connection's id
 * as calls' `peer.connection` names it, for the events a screen asked for without signing in.
 */
export function mayReceive(receivers: Receivers, user: Viewer | null, connection?: string): boolean {
  switch (receivers.kind) {
    case 'nobody':
      return false;
    case 'everyone':
      return true;
    case 'signedIn':
      return user !== null;
    case 'backupRun':
      return user?.role === 'admin' || (connection !== undefined && receivers.watchers.includes(connection));
    case 'sale':
      return user !== null && canSeeSale(user, receivers.sale);
    case 'recording':
      return user !== null && canSeeRecording(user, receivers.recording, receivers.today);
  }
}

export interface AudienceOptions {
  /** The connections that started a backup run without being signed in (backups/service.ts watchersOf). */
  backupRunWatchers?: (runId: string) => ReadonlySet<string>;
}

export interface Audience {
  /** The person behind a session token right now, or null (none, unknown, expired, ended). Never writes. */
  userOf(session: string | null): Promise<SessionUser | null>;
  /** Looks the event's object up once; what it returns is then applied to each connection's user. */
  receiversOf(event: EventName, payload: unknown): Promise<Receivers>;
  mayReceive(user: Viewer | null, event: EventName, payload: unknown): Promise<boolean>;
}

const NOBODY: Receivers = { kind: 'nobody' };

export function createAudience(data: DataAccess, logger: Logger, options: AudienceOptions = {}): Audience {
  async function receiversOf(event: EventName, payload: unknown): Promise<Receivers> {
    const subject = subjectOf(event, payload);
    if (!subject) {
      logger.warn({ event }, 'event without the id its audience depends on; sent to nobody');
      return NOBODY;
    }
    if ('everyone' in subject) return { kind: 'everyone' };
    if ('anyoneSignedIn' in subject) return { kind: 'signedIn' };
    if ('backupRunId' in subject) {
      const watchers = options.backupRunWatchers?.(subject.backupRunId) ?? new Set<string>();
      return { kind: 'backupRun', watchers: [...watchers] };
    }
    try {
      const db = data.db();
      if ('saleId' in subject) {
        const sale = await saleOwnership(db, subject.saleId);
        return sale ? { kind: 'sale', sale: { staff_member: sale.staff_member } } : NOBODY;
      }
      const recordingId =
        'sceneId' in subject ? await recordingOfScene(db, subject.sceneId) : subject.recordingId;
      const recording = recordingId ? await recordingOwnership(db, recordingId) : undefined;
      if (!recording) return NOBODY;
      return {
        kind: 'recording',
        recording: {
          created_by: recording.created_by,
          staff_member: recording.staff_member,
          pilot_id: recording.pilot_id,
          flight_at: recording.flight_at,
        },
        today: kioskToday(data),
      };
    } catch (error) {
      logger.warn({ err: error, event }, 'could not decide who may receive an event; sent to nobody');
      return NOBODY;
    }
  }

  return {
    async userOf(session) {
      if (!session) return null;
      try {
        return (await findLiveSession(data.db(), session, data.now()))?.user ?? null;
      } catch (error) {
        logger.warn({ err: error }, 'could not look up a connection’s session');
        return null;
      }
    },
    receiversOf,
    async mayReceive(user, event, payload) {
      return mayReceive(await receiversOf(event, payload), user);
    },
  };
}

/** The payload arrives untyped at a transport; a missing or non-text id means the event goes to nobody. */
function subjectOf(event: EventName, payload: unknown): EventSubject | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const subject = (eventSubjects[event] as (payload: unknown) => EventSubject)(payload);
  const ids = Object.values(subject) as unknown[];
  return ids.every((id) => id === true || (typeof id === 'string' && id.length > 0)) ? subject : null;
}

/**
 * One connection's session (a socket, a window): the token of its last call that resolved to a user, or the
 * token sign-in just gave it. Looked up again at send time, so an expired or ended session receives nothing.
 */
export interface ConnectionSession {
  current(): string | null;
  /** For the dispatcher's `onCaller`: a call whose token resolved to a user makes that token this one's. */
  caller(session: unknown, user: SessionUser | null): void;
  /** After the answer: the token sign-in or setup returned becomes this one's; signing out ends it. */
  answered(channel: unknown, session: unknown, result: Result<unknown>): void;
}

export function createConnectionSession(): ConnectionSession {
  let token: string | null = null;
  return {
    current: () => token,
    caller(session, user) {
      if (user && typeof session === 'string') token = session;
    },
    answered(channel, session, result) {
      if (typeof channel === 'string' && STARTS_SESSION.includes(channel) && result.ok) {
        token = (result.value as { token: string }).token;
      } else if (channel === ENDS_SESSION && session === token) {
        token = null;
      }
    },
  };
}

/** Where a transport sends one connection's events. */
export interface EventRecipient {
  session: ConnectionSession;
  /** The connection's id as its calls' `peer.connection` names it (see ReceiverCheck). */
  connection?: string;
  send(event: EventName, payload: unknown): void;
}

/** Events with who may receive them: what the services process sends its hosts, in the order emitted. */
export type FeedSink = (event: EventName, payload: unknown, receivers: Receivers) => void;

export interface EventFeed {
  subscribe(sink: FeedSink): () => void;
}

/**
 * The hub's events, each with its receivers looked up once, one after another: a lookup that waits on the
 * database must not let a later "done" overtake an earlier step.
 */
export function eventFeed(
  events: EventHub,
  audience: Pick<Audience, 'receiversOf'>,
  logger: Logger,
): EventFeed & { close(): void } {
  const sinks = new Set<FeedSink>();
  let previous = Promise.resolve();
  const unsubscribe = events.subscribe((event, payload) => {
    previous = previous
      .then(async () => {
        const receivers = await audience.receiversOf(event, payload);
        for (const sink of sinks) sink(event, payload, receivers);
      })
      .catch((error: unknown) => logger.error({ err: error, event }, 'event delivery failed'));
  });
  return {
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    close: unsubscribe,
  };
}

/**
 * Subscribes a transport to the feed: each event, in the order emitted, goes to those recipients whose user may
 * see it, looked up at send time. Returns the unsubscribe function.
 */
export function deliverEvents(
  feed: EventFeed,
  sessions: Pick<Audience, 'userOf'>,
  recipients: () => Iterable<EventRecipient>,
  logger: Logger,
): () => void {
  let previous = Promise.resolve();
  return feed.subscribe((event, payload, receivers) => {
    previous = previous
      .then(async () => {
        if (receivers.kind === 'nobody') return;
        for (const recipient of recipients()) {
          const user =
            receivers.kind === 'everyone' ? null : await sessions.userOf(recipient.session.current());
          if (mayReceive(receivers, user, recipient.connection)) recipient.send(event, payload);
        }
      })
      .catch((error: unknown) => logger.error({ err: error, event }, 'event delivery failed'));
  });
}
