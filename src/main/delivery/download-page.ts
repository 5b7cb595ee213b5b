// The pages a customer's phone sees: the list of their files with big download links, or why the link no
// longer works. Plain HTML with no script at all; the one inline style block is allowed by its hash, so the
// CSP stays as strict as the kiosk's own.
import { createHash } from 'node:crypto';
import { formatSize } from './copy';

const STYLE = `
body { margin: 0; font: 18px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111418; background: #f4f1ea; }
main { max-width: 560px; margin: 0 auto; padding: 24px 16px 40px; }
h1 { font-size: 1.5rem; margin: 0 0 8px; }
p { margin: 0 0 16px; }
ul { list-style: none; margin: 0; padding: 0; }
li { margin: 0 0 12px; }
a.file { display: flex; justify-content: space-between; align-items: center; gap: 12px; min-height: 64px; padding: 12px 18px; border-radius: 14px; background: #0a4fd6; color: #fff; font-weight: 700; text-decoration: none; word-break: break-word; }
a.file span { font-weight: 400; white-space: nowrap; }
.note { color: #3b424b; font-size: 0.95rem; }
`;

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

export const PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body><main>
${body}
</main></body>
</html>
`;
}

export interface PageFile {
  name: string;
  bytes: number;
  href: string;
}

export function filesPage(input: { passengerNames: string; files: PageFile[]; validUntil: string }): string {
  const items = input.files
    .map(
      (file) =>
        `<li><a class="file" href="${escapeHtml(file.href)}" download="${escapeHtml(file.name)}">${escapeHtml(
          file.name,
        )} <span>${formatSize(file.bytes)}</span></a></li>`,
    )
    .join('\n');
  return page(
    `Your flight: ${input.passengerNames}`,
    `<h1>Your flight, ${escapeHtml(input.passengerNames)}</h1>
<p>Tap a file to save it to your phone. The video is large: stay on this Wi-Fi until it has finished.</p>
<ul>
${items}
</ul>
<p class="note">This link works until ${escapeHtml(input.validUntil)}.</p>`,
  );
}

export function messagePage(title: string, text: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(text)}</p>`);
}

/** "2026-12-02 14:30", in the kiosk's time: the phone may be on another time zone's clock, the desk is not. */
export function kioskTime(at: Date, utcOffsetMinutes: number): string {
  return new Date(at.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}
