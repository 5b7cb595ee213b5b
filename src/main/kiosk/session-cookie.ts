// The browser host's file routes (/media/, /thumbs/) identify the caller by a cookie holding the session token,
// set by POST /session from our own page and cleared by DELETE /session. The cookie is the session itself, so
// signing out, a PIN reset or expiry ends it for files too. HttpOnly: no script reads it; SameSite=Strict: no
// other site's page sends it. Other origins on the same host (another port) are the same "site", so file
// requests must also come from our own origin (Sec-Fetch-Site, Origin).
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { SESSION_HEADER } from '../../shared/session-route';
import type { Audience } from '../ipc/audience';
import type { SessionUser } from '../ipc/dispatch';
import { isSameOrigin } from './origin';
import { send } from './static';

export const SESSION_COOKIE = 'magnum_session';
/** Session tokens are 32 random bytes in base64url; anything else never becomes a cookie (no `;` injection). */
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;
const COOKIE_ATTRIBUTES = 'HttpOnly; SameSite=Strict; Path=/';
const TEXT = 'text/plain; charset=utf-8';

export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; ${COOKIE_ATTRIBUTES}`;
}

export const CLEARED_SESSION_COOKIE = `${SESSION_COOKIE}=; ${COOKIE_ATTRIBUTES}; Max-Age=0`;

/** The session token in a Cookie header; null when absent, malformed, or given twice (ambiguous). */
export function sessionFromCookie(header: string | undefined): string | null {
  if (!header) return null;
  const values = header
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(`${SESSION_COOKIE}=`))
    .map((pair) => pair.slice(SESSION_COOKIE.length + 1));
  return values.length === 1 && TOKEN.test(values[0]!) ? values[0]! : null;
}

/**
 * Whether a file request comes from our own page (or the address bar): a browser says where a request comes
 * from in Sec-Fetch-Site, and sends Origin on cross-origin ones. Clients that send neither carry no ambient
 * cookie of a kiosk user, only one they were given.
 */
export function isFromOwnOrigin(headers: IncomingHttpHeaders): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  return headers.origin === undefined || isSameOrigin(headers.origin, headers.host);
}

/** The signed-in person a file request comes from, or null (no, bad, ended or foreign cookie). */
export async function viewerOfFileRequest(
  request: IncomingMessage,
  audience: Pick<Audience, 'userOf'>,
): Promise<SessionUser | null> {
  if (!isFromOwnOrigin(request.headers)) return null;
  return audience.userOf(sessionFromCookie(request.headers.cookie));
}

/** POST /session sets the cookie for a live session's token; DELETE /session clears it. Own origin only. */
export async function answerSessionRequest(
  request: IncomingMessage,
  response: ServerResponse,
  audience: Pick<Audience, 'userOf'>,
): Promise<void> {
  const noStore = { 'Cache-Control': 'no-store' };
  if (request.method !== 'POST' && request.method !== 'DELETE') {
    send(response, 405, TEXT, 'Only POST and DELETE are answered here.', {
      ...noStore,
      Allow: 'POST, DELETE',
    });
    return;
  }
  if (!isSameOrigin(request.headers.origin, request.headers.host)) {
    send(response, 403, TEXT, 'Only the kiosk’s own page may do this.', noStore);
    return;
  }
  if (request.method === 'DELETE') {
    send(response, 204, TEXT, '', { ...noStore, 'Set-Cookie': CLEARED_SESSION_COOKIE });
    return;
  }
  const token = request.headers[SESSION_HEADER];
  const user = typeof token === 'string' && TOKEN.test(token) ? await audience.userOf(token) : null;
  if (!user) {
    send(response, 401, TEXT, 'Please sign in with your name and PIN first.', {
      ...noStore,
      'Set-Cookie': CLEARED_SESSION_COOKIE,
    });
    return;
  }
  send(response, 204, TEXT, '', { ...noStore, 'Set-Cookie': sessionCookie(token as string) });
}
