// The page the kiosk window shows when the app's own page could not be loaded or keeps crashing. Made here in
// main, not read from the renderer build: a failed load may be that build's fault, and this page must still
// show. Served at app://magnum/load-failed.html (the CSP forbids data: pages and inline styles, so its styles
// come from app://magnum/load-failed.css); no script, so a broken page cannot be made worse by it.
import { SECURITY_HEADERS } from '../security/csp';
import { APP_ENTRY_URL, APP_HOST, APP_SCHEME } from './security';

export const LOAD_FAILED_PATH = '/load-failed.html';
const LOAD_FAILED_STYLES_PATH = '/load-failed.css';
const ENTRY_PATH = new URL(APP_ENTRY_URL).pathname;

/** Why the page is shown: the app page did not load (and is retried), or its screen crashed again and again. */
export type LoadFailure = 'load-failed' | 'crash-loop';

export function loadFailedUrl(why: LoadFailure, retryInMs?: number): string {
  const query = new URLSearchParams({ why });
  if (why === 'load-failed' && retryInMs !== undefined) {
    query.set('retry', String(Math.max(1, Math.round(retryInMs / 1000))));
  }
  return `${APP_SCHEME}://${APP_HOST}${LOAD_FAILED_PATH}?${query.toString()}`;
}

export function isLoadFailedUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.pathname === LOAD_FAILED_PATH
    );
  } catch {
    return false;
  }
}

const STYLES = `
:root { font-family: 'DejaVu Sans', 'Segoe UI', Roboto, Arial, sans-serif; font-size: 22px; line-height: 1.45;
  color: #111418; background: #f4f1ea; }
body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center; }
main { max-width: 44rem; margin: 2rem; padding: 2.5rem; background: #ffffff; border: 2px solid #c9c3b6;
  border-radius: 14px; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
p { margin: 0 0 1rem; }
a.button { display: inline-flex; align-items: center; justify-content: center; min-height: 64px;
  min-width: 12rem; padding: 0 1.5rem; margin-top: 0.5rem; border-radius: 14px; background: #0a4fd6;
  color: #ffffff; font-weight: 700; text-decoration: none; }
a.button:active { background: #083a9e; }
`;

function page(why: LoadFailure, retrySeconds: number | null): string {
  const [title, ...lines] =
    why === 'crash-loop'
      ? [
          'The MagnumStream screen keeps stopping',
          'It stopped or hung several times within a minute, so it is not started again on its own. A ' +
            'recording that was running is saved on its own within a minute: check its scene before filming on.',
          'Tap "Try again". If it stops again, restart the computer; if that does not help, call support.',
        ]
      : [
          'The MagnumStream screen could not be opened',
          retrySeconds
            ? `It is tried again on its own in ${retrySeconds} second${retrySeconds === 1 ? '' : 's'}.`
            : 'It is tried again on its own in a moment.',
          'You can also tap "Try again now". If this keeps showing, restart the computer; if that does not ' +
            'help, call support.',
        ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>MagnumStream</title>
<link rel="stylesheet" href="${LOAD_FAILED_STYLES_PATH}">
</head>
<body>
<main>
<h1>${title}</h1>
${lines.map((line) => `<p>${line}</p>`).join('\n')}
<a class="button" href="${ENTRY_PATH}">${why === 'crash-loop' ? 'Try again' : 'Try again now'}</a>
</main>
</body>
</html>
`;
}

/**
 * The error page or its styles for an app:// request, or null for any other path. Only the known reasons and a
 * whole number of seconds are read from the query: nothing the address carries is put into the page as text.
 */
export function loadFailedResponse(url: URL): Response | null {
  if (url.pathname === LOAD_FAILED_STYLES_PATH) {
    return new Response(STYLES, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/css; charset=utf-8' },
    });
  }
  if (url.pathname !== LOAD_FAILED_PATH) return null;
  const why: LoadFailure = url.searchParams.get('why') === 'crash-loop' ? 'crash-loop' : 'load-failed';
  const retry = Number(url.searchParams.get('retry'));
  const retrySeconds = Number.isInteger(retry) && retry >= 1 && retry <= 60 ? retry : null;
  return new Response(page(why, retrySeconds), {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
