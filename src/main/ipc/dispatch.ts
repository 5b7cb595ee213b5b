// The one path every call takes, whichever transport carried it: known channel → valid input → allowed role →
// handler → Result. Nothing reaches a service before its input has passed the contract's schema.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { z } from 'zod';
import {
  contract,
  isChannelName,
  type Access,
  type ChannelName,
  type Contract,
  type InputOf,
  type OutputOf,
  type UserRole,
} from '../../shared/contract';
import { fail, ok, type AppError, type Result, type ValidationIssue } from '../../shared/errors';
import { AppFailure, storageProblem, storageProblemMessage } from '../errors';

export interface SessionUser {
  id: string;
  name: string;
  role: UserRole;
}

export interface CallContext {
  user: SessionUser | null;
  /** The session token this call carried (valid or not), so sign-out can end this screen's session. */
  session: string | null;
  transport: 'electron' | 'websocket';
  /** Which connection and address the call came from, for per-connection limits (sign-in throttling). */
  peer: Peer;
}

export interface Peer {
  /** Stable for one socket or one window for as long as it is open. */
  connection: string;
  /** The remote address ('local' for the Electron window). */
  address: string;
}

/** The context of a channel that needs a signed-in caller: the dispatcher has already refused anyone else. */
export interface SignedInContext extends CallContext {
  user: SessionUser;
}

/** A public channel's handler may have no user; every other handler is typed with the signed-in one. */
export type ContextOf<K extends ChannelName> = Contract[K]['access'] extends 'public'
  ? CallContext
  : SignedInContext;

export type Handler<K extends ChannelName> = (
  input: InputOf<K>,
  context: ContextOf<K>,
) => Promise<OutputOf<K>> | OutputOf<K>;

/** One handler per channel: a channel added to the contract without a handler is a compile error. */
export type Handlers = { [K in ChannelName]: Handler<K> };

export interface CallRequest {
  channel: unknown;
  input: unknown;
  session?: unknown;
  transport: CallContext['transport'];
  /** Absent in tests that call the dispatcher directly: they count as one local connection. */
  peer?: Peer;
  /** Told whom the call's session belongs to (null: nobody) once known, so a transport can keep per-connection
   * state by it (the WebSocket host's frame limits). Not called when the input was refused before that. */
  onCaller?: (user: SessionUser | null) => void;
}

export interface DispatcherOptions {
  handlers: Handlers;
  logger: Logger;
  /** Turns a session token into the signed-in user, or null when there is none or it has expired. */
  resolveUser?: (session: string) => SessionUser | null | Promise<SessionUser | null>;
  /** Named in disk errors ("Free space on <data folder>"). */
  dataDir?: string;
}

export type Dispatch = (request: CallRequest) => Promise<Result<unknown>>;

const MAX_ISSUES = 10;
const MAX_TEXT = 300;

export function createDispatcher({ handlers, logger, resolveUser, dataDir }: DispatcherOptions): Dispatch {
  return async function dispatch(request) {
    const { channel } = request;
    if (!isChannelName(channel)) {
      return fail(
        'UNKNOWN_CHANNEL',
        'The kiosk does not offer that action. Update or restart the kiosk app.',
      );
    }
    const definition = contract[channel];

    const parsed = (definition.input as z.ZodType).safeParse(request.input);
    if (!parsed.success) return validationFailure(parsed.error);

    const session =
      typeof request.session === 'string' && request.session.length > 0 ? request.session : null;
    let user: SessionUser | null;
    try {
      user = session && resolveUser ? await resolveUser(session) : null;
    } catch (error) {
      // Reading a session can meet a locked or unreadable database like any handler: a plain answer, not a crash.
      return { ok: false, error: toAppError(error, channel, logger, dataDir) };
    }
    request.onCaller?.(user);
    const refused = checkAccess(definition.access, user);
    if (refused) return refused;

    // checkAccess has refused a missing user on every channel that is not public, as ContextOf promises.
    const handler = handlers[channel] as (input: never, context: CallContext) => unknown;
    try {
      const peer = request.peer ?? { connection: 'direct', address: 'local' };
      const value = await handler(parsed.data as never, {
        user,
        session,
        transport: request.transport,
        peer,
      });
      return ok(value);
    } catch (error) {
      return { ok: false, error: toAppError(error, channel, logger, dataDir) };
    }
  };
}

/** Null when the user may call a channel with this access rule; otherwise the refusal to send back. */
export function checkAccess(access: Access, user: SessionUser | null): Result<never> | null {
  if (access === 'public') return null;
  if (!user) return fail('UNAUTHENTICATED', 'Please sign in with your name and PIN first.');
  if (!access.includes(user.role))
    return fail('FORBIDDEN', 'Your role cannot do this. Ask a manager to sign in.');
  return null;
}

export function validationFailure(error: z.ZodError): Result<never> {
  const issues: ValidationIssue[] = error.issues.slice(0, MAX_ISSUES).map((issue) => ({
    path: truncate(issue.path.map(String).join('.')),
    message: truncate(issue.message),
  }));
  // The field's name in the code (customerEmail) stays in the issues, where a form places it under its field:
  // the sentence is for the operator, who never saw that name.
  const said = issues[0]?.message.trim() ?? '';
  const reason = said === '' ? '' : /[.!?]$/.test(said) ? ` ${said}` : ` ${said}.`;
  return fail(
    'VALIDATION',
    `Some of the information was not accepted.${reason} Check it and try again.`,
    issues,
  );
}

export function toAppError(error: unknown, channel: string, logger: Logger, dataDir?: string): AppError {
  if (error instanceof AppFailure) {
    return error.issues
      ? { code: error.code, message: error.message, issues: error.issues }
      : { code: error.code, message: error.message };
  }
  const constraint = constraintKind(error);
  if (constraint) {
    logger.warn({ channel, err: error }, 'database refused a change');
    return constraint === 'invalid'
      ? {
          code: 'VALIDATION',
          message:
            'A value was outside what the kiosk can store, so nothing was saved. Check it and try again.',
        }
      : {
          code: 'CONFLICT',
          message:
            'The change was refused because it does not fit what is already saved. Reload and try again.',
        };
  }
  const storage = storageProblem(error);
  if (storage) {
    // Nothing the person did wrong and nothing a stack trace helps them with: say what to do about the disk.
    logger.warn({ channel, err: error }, 'disk or database failure');
    return { code: 'UNAVAILABLE', message: storageProblemMessage(storage.problem, storage.path ?? dataDir) };
  }
  const reference = randomBytes(3).toString('hex').toUpperCase();
  logger.error({ channel, reference, err: error }, 'handler failed');
  return {
    code: 'INTERNAL',
    message: `Something went wrong inside MagnumStream (reference ${reference}). Try again; if it happens again, report a problem and quote the reference.`,
  };
}

/** The database is the last line of defence: a CHECK or NOT NULL is a bad value; UNIQUE or a foreign key, a clash. */
function constraintKind(error: unknown): 'invalid' | 'conflict' | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_CONSTRAINT')) return null;
  return code === 'SQLITE_CONSTRAINT_CHECK' || code === 'SQLITE_CONSTRAINT_NOTNULL' ? 'invalid' : 'conflict';
}

function truncate(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}
