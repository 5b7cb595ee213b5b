// The first gate of the thumbnail route: from a request URL to the scene, camera, kind and version it names, or
// a reason to refuse it. Pure, so every path trick is tested with plain strings; the database and the disk are
// checked after this, in service.ts.
import { rawPathname } from '../media/request-path';
import type { ThumbKind } from '../media/thumb-url';

export interface ThumbRequest {
  sceneId: string;
  camera: 1 | 2;
  kind: ThumbKind;
  /** The `v` the URL carries; served only when it is the scene's current version. */
  version: string;
}

export type ThumbRequestCheck = ({ ok: true } & ThumbRequest) | { ok: false; reason: string };

/**
 * Checked on the raw path, before any decoding: scene ids are UUIDs, so the one shape we make
 * (`/thumbs/<id>/camera<N>-<kind>.jpg`) contains no `%`, dot segment or second slash, and anything else,
 * encoded or not, simply does not match.
 */
const THUMB_PATH = /^\/thumbs\/([0-9A-Za-z-]{1,64})\/camera([12])-(poster|strip)\.jpg$/;
/** Versions are `String(Date.parse(updated_at))`: digits, at most 16 of them. */
const VERSION = /^\d{1,16}$/;

export function checkThumbRequest(url: string): ThumbRequestCheck {
  const match = THUMB_PATH.exec(rawPathname(url));
  if (!match) return { ok: false, reason: 'not a thumbnail path' };
  const version = queryParameter(url, 'v');
  if (version === null) return { ok: false, reason: 'no version' };
  if (!VERSION.test(version)) return { ok: false, reason: 'malformed version' };
  return {
    ok: true,
    sceneId: match[1]!,
    camera: match[2] === '1' ? 1 : 2,
    kind: match[3] as ThumbKind,
    version,
  };
}

/** The one value of `name` in the query, or null when it is missing or given twice (ambiguous). */
function queryParameter(url: string, name: string): string | null {
  const question = url.indexOf('?');
  if (question < 0) return null;
  const hash = url.indexOf('#', question);
  const query = url.slice(question + 1, hash < 0 ? undefined : hash);
  const values = new URLSearchParams(query).getAll(name);
  return values.length === 1 ? values[0]! : null;
}
